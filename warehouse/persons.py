"""People across the archive: one person per human, whatever the spelling, and pseudonyms for private persons.

A speaker of a new report becomes an existing person when one of its spellings was seen before
(person_aliases) or when `same_person` (models/, fuzzy: titles, particles, misspellings) scores it
above `settings.person_match`; otherwise a new person. Private persons (tenants) get stable
pseudonyms ("Bewoner k3xq7abm") in the pseudonymised copy of the warehouse (warehouse/pseudonymised.py).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Callable, Iterable, Sequence

import duckdb

from models.names import normalise as models_normalise
from models.names import same_person

ANONYMOUS = ("tenant", "floor", "residents_reported")


def _same_person_function() -> Callable[[str, str], float]:
    return same_person


def normalise(name: str) -> str:
    """Comparable spelling: models.names.normalise (titles, accents, punctuation and case removed)."""
    return models_normalise(name)


def person_id_for(norm: str) -> str:
    return "p_" + hashlib.sha256(norm.encode()).hexdigest()[:12]


class PersonIndex:
    """The archive's persons and spellings in memory for one document's load; `flush` writes what is new.

    One query in, one batch out: a report with 40 speakers must not cost hundreds of round trips.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, threshold: float, same_person=None):
        self.threshold = threshold
        self.same = same_person or _same_person_function()
        self.names = dict(conn.execute("SELECT person_id, name FROM persons").fetchall())
        self.private = {pid for (pid,) in conn.execute("SELECT person_id FROM persons WHERE private").fetchall()}
        self.by_alias: dict[str, str] = {}
        for norm, pid in conn.execute("SELECT norm_alias, person_id FROM person_aliases ORDER BY person_id").fetchall():
            self.by_alias.setdefault(norm, pid)
        self.new_persons: list[tuple] = []
        self.new_aliases: list[tuple] = []
        self.made_private: set[str] = set()

    def _fuzzy(self, spellings: list[str]) -> str | None:
        # compare only with names whose last word starts alike: same_person is costly and the archive grows
        initials = {s.split()[-1][:1] for s in map(normalise, spellings) if s}
        best = (self.threshold, None)
        for pid, name in sorted(self.names.items()):
            n = normalise(name)
            if not n or n.split()[-1][:1] not in initials:
                continue
            score = max(self.same(s, name) for s in spellings)
            if score >= best[0] and (best[1] is None or score > best[0]):
                best = (score, pid)
        return best[1]

    def resolve(self, name: str, aliases: Sequence[str], kind: str, private: bool, doc_id: str) -> str | None:
        """The person_id for a speaker (new persons and spellings are queued). None for an empty name."""
        spellings = [s for s in dict.fromkeys([name, *aliases]) if s and normalise(s)]
        if not spellings:
            return None
        norms = [normalise(s) for s in spellings]
        # a bare surname ("pietersen") is ambiguous across reports: match on full spellings when there are any
        lookup = [n for n in norms if " " in n] or norms
        pid = next((self.by_alias[n] for n in lookup if n in self.by_alias), None) or self._fuzzy(spellings)
        if pid is None:
            pid = person_id_for(norms[0])
            self.names[pid] = name
            self.new_persons.append((pid, name, norms[0], kind, private))
            if private:
                self.private.add(pid)
        elif private and pid not in self.private:  # once seen as a private person, always treated as one
            self.private.add(pid)
            self.made_private.add(pid)
        for s, n in zip(spellings, norms):
            if n not in self.by_alias:
                self.by_alias[n] = pid
                self.new_aliases.append((s, n, pid, doc_id))
        return pid

    def flush(self, conn: duckdb.DuckDBPyConnection) -> None:
        from warehouse.rows import insert_rows

        insert_rows(conn, "persons", [(*p, None) for p in self.new_persons])
        conn.execute("UPDATE persons SET created_at = now()::TIMESTAMP WHERE created_at IS NULL")
        insert_rows(conn, "person_aliases", self.new_aliases)
        if self.made_private:
            conn.execute("UPDATE persons SET private = true WHERE list_contains(?, person_id)", [sorted(self.made_private)])
        self.new_persons, self.new_aliases, self.made_private = [], [], set()

    def known(self, name: str) -> str | None:
        """person_id of an exactly known spelling (attendee lists: no fuzzy matching, no new persons)."""
        return self.by_alias.get(normalise(name or ""))


def pseudonym(name: str, salt: str) -> str:
    """Stable pseudonym of a private person: the same name and salt always give the same 'Bewoner k3xq7abm'.

    A keyed hash (HMAC-SHA256, the salt as key) cut to 8 base32 characters: 40 bits, so 10,000 persons
    share one with a chance of about 1 in 20,000 (16 bits collided with 50 % at 300 persons)."""
    digest = hmac.new(salt.encode(), normalise(name).encode(), hashlib.sha256).digest()
    return "Bewoner " + base64.b32encode(digest).decode()[:8].lower()


def pseudonymous_id(person_id: str, salt: str) -> str:
    """A private person's id in the pseudonymised copy: person_id is an unkeyed hash of the name, which a
    list of names would reverse."""
    return "p_" + hmac.new(salt.encode(), f"id\x1f{person_id}".encode(), hashlib.sha256).hexdigest()[:12]


def warehouse_salt(conn: duckdb.DuckDBPyConnection, salt: str = "") -> str:
    if salt:
        return salt
    row = conn.execute("SELECT value FROM warehouse_meta WHERE key = 'pseudonym_salt'").fetchone()
    return row[0] if row else ""


def pseudonymiser(conn: duckdb.DuckDBPyConnection, salt: str = "") -> Callable[[Iterable[Sequence]], list[tuple]]:
    """A function that rewrites result rows: every spelling of a private person becomes its pseudonym."""
    text = text_pseudonymiser(conn, salt)
    if text is None:
        return lambda result: [tuple(r) for r in result]

    def cell(v):
        if isinstance(v, str):
            return text(v)
        if isinstance(v, (list, tuple)):
            return type(v)(cell(x) for x in v)
        if isinstance(v, dict):
            return {k: cell(x) for k, x in v.items()}
        return v

    return lambda result: [tuple(cell(v) for v in r) for r in result]


def text_pseudonymiser(conn: duckdb.DuckDBPyConnection, salt: str = "") -> Callable[[str], str] | None:
    """A function that rewrites one text: every spelling of a private person (and a private person's id)
    becomes its pseudonym; None when the warehouse has no private persons."""
    salt = warehouse_salt(conn, salt)
    rows = conn.execute("SELECT p.name, p.norm_name, a.alias, a.norm_alias FROM persons p "
                        "JOIN person_aliases a USING (person_id) WHERE p.private").fetchall()
    # the text as written where the person is named ("Anna", "mevr. P."), not only listed spellings
    rows += conn.execute("SELECT p.name, NULL, m.text, NULL FROM persons p JOIN speaker_mentions m USING (person_id) "
                         "WHERE p.private").fetchall()
    # a report's own spellings and keys of its private speakers, and attendee lines of private persons
    rows += conn.execute("SELECT coalesce(p.name, s.name), s.name, s.speaker_key, unnest(coalesce(s.aliases, []) || [NULL::VARCHAR]) "
                         "FROM doc_speakers s LEFT JOIN persons p USING (person_id) WHERE s.private").fetchall()
    rows += conn.execute("SELECT p.name, a.name, NULL, NULL FROM attendees a JOIN persons p USING (person_id) "
                         "WHERE p.private").fetchall()
    spell = {}
    for canon, norm, alias, norm_alias in rows:
        for written in (canon, norm, alias, norm_alias):
            if written and len(written.strip()) > 1:
                spell[written.strip()] = pseudonym(canon, salt)
    for (pid,) in conn.execute("SELECT person_id FROM persons WHERE private").fetchall():
        spell[pid] = pseudonymous_id(pid, salt)
    if not spell:
        return None
    lower = {k.lower(): v for k, v in spell.items()}
    pattern = re.compile(r"(?<!\w)" + _trie_regex(lower) + r"(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: lower.get(m.group(0).lower(), m.group(0)), text)


def _trie_regex(strings: Iterable[str]) -> str:
    """One regex for many strings, shaped as their character trie: Python's re tries an alternation
    one branch after another, so a flat list of a thousand names made the pseudonymised copy of a
    200-report warehouse take minutes. Longer matches are tried first (greedy optional groups)."""
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"
