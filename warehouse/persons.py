"""People across the archive: one person per human, whatever the spelling, and pseudonyms for private persons.

A speaker of a new report becomes an existing person when one of its spellings was seen before
(person_aliases) or when `same_person` (models/, fuzzy: titles, particles, misspellings) scores it
above `settings.person_match`; otherwise a new person. Private persons (tenants) get stable
pseudonyms ("Bewoner 1a2b") in query output and exports.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Callable, Iterable, Sequence

import duckdb

ANONYMOUS = ("tenant", "floor", "residents_reported")


def _same_person_function() -> Callable[[str, str], float]:
    for module in ("models.speakers", "models.names"):
        try:
            fn = getattr(__import__(module, fromlist=["same_person"]), "same_person", None)
        except ImportError:
            fn = None
        if fn is not None:
            return fn
    return lambda a, b: 1.0 if normalise(a) == normalise(b) else 0.0


def normalise(name: str) -> str:
    """Comparable spelling; models.names.normalise (titles stripped) when available."""
    try:
        from models.names import normalise as models_normalise
        return models_normalise(name)
    except ImportError:
        s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
        return re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]+", " ", s)).strip()


def person_id_for(norm: str) -> str:
    return "p_" + hashlib.sha256(norm.encode()).hexdigest()[:12]


def resolve_person(conn: duckdb.DuckDBPyConnection, name: str, aliases: Sequence[str], kind: str,
                   private: bool, doc_id: str, threshold: float, same_person=None) -> str | None:
    """The person_id for a speaker, creating the person and any new spellings. None for an empty name."""
    spellings = [s for s in dict.fromkeys([name, *aliases]) if s and normalise(s)]
    if not spellings:
        return None
    norms = [normalise(s) for s in spellings]
    # a bare surname ("pietersen") is ambiguous across reports: match on full spellings when there are any
    lookup = [n for n in norms if " " in n] or norms
    row = conn.execute("SELECT person_id FROM person_aliases WHERE norm_alias IN (SELECT unnest(?)) "
                       "ORDER BY norm_alias = ? DESC, person_id LIMIT 1", [lookup, norms[0]]).fetchone()
    pid = row[0] if row else None
    if pid is None:
        same = same_person or _same_person_function()
        best = (threshold, None)
        for cand_id, cand_name in conn.execute("SELECT person_id, name FROM persons").fetchall():
            score = max(same(s, cand_name) for s in spellings)
            if score >= best[0]:
                best = (score, cand_id)
        pid = best[1]
    if pid is None:
        pid = person_id_for(norms[0])
        conn.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, now()::TIMESTAMP)", [pid, name, norms[0], kind, private])
    elif private:  # once seen as a private person, always treated as one
        conn.execute("UPDATE persons SET private = true WHERE person_id = ? AND NOT private", [pid])
    known = {r[0] for r in conn.execute("SELECT norm_alias FROM person_aliases WHERE person_id = ?", [pid]).fetchall()}
    for s, n in zip(spellings, norms):
        if n not in known:
            conn.execute("INSERT INTO person_aliases VALUES (?, ?, ?, ?)", [s, n, pid, doc_id])
            known.add(n)
    return pid


def known_person(conn: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """person_id of an exactly known spelling (attendee lists: no fuzzy matching, no new persons)."""
    n = normalise(name or "")
    row = conn.execute("SELECT person_id FROM person_aliases WHERE norm_alias = ? LIMIT 1", [n]).fetchone() if n else None
    return row[0] if row else None


def pseudonym(name: str, salt: str) -> str:
    """Stable pseudonym of a private person: the same name and salt always give the same 'Bewoner 1a2b'."""
    digest = hashlib.sha256(f"{salt}\x1f{normalise(name)}".encode()).hexdigest()
    return f"Bewoner {digest[:4]}"


def warehouse_salt(conn: duckdb.DuckDBPyConnection, salt: str = "") -> str:
    if salt:
        return salt
    row = conn.execute("SELECT value FROM warehouse_meta WHERE key = 'pseudonym_salt'").fetchone()
    return row[0] if row else ""


def pseudonymiser(conn: duckdb.DuckDBPyConnection, salt: str = "") -> Callable[[Iterable[Sequence]], list[tuple]]:
    """A function that rewrites result rows: every spelling of a private person becomes its pseudonym."""
    salt = warehouse_salt(conn, salt)
    rows = conn.execute("SELECT p.name, p.norm_name, a.alias, a.norm_alias FROM persons p "
                        "JOIN person_aliases a USING (person_id) WHERE p.private").fetchall()
    spell = {}
    for canon, norm, alias, norm_alias in rows:
        for written in (canon, norm, alias, norm_alias):
            if written and len(written) > 1:
                spell[written] = pseudonym(canon, salt)
    if not spell:
        return lambda result: [tuple(r) for r in result]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in sorted(spell, key=len, reverse=True)) + r")(?!\w)",
                         re.IGNORECASE)
    lower = {k.casefold(): v for k, v in spell.items()}

    def cell(v):
        if isinstance(v, str):
            return pattern.sub(lambda m: lower.get(m.group(0).casefold(), m.group(0)), v)
        if isinstance(v, (list, tuple)):
            return type(v)(cell(x) for x in v)
        if isinstance(v, dict):
            return {k: cell(x) for k, x in v.items()}
        return v

    return lambda result: [tuple(cell(v) for v in r) for r in result]
