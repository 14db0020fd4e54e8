"""Attendee lists: "Aanwezig:", "Afwezig met kennisgeving:", "Deelnemers:", "Verhinderd:", "Notulist:"
(also "Notulen:" and "Verslag:" with a colon: the minute-taker, listed present with role notulist).

Shapes: prose after the label ("Jan Jansen (voorzitter), Piet de Vries namens Woonstede en
Els Bakker"), one person per line ("Jan Jansen, Logius" / "Jan Jansen  RIVM" / "- Jan Jansen"),
two-column tables ("Leden Departement Leden Departement"), and, when the layout sets the label as
a block of its own, one cell per block or one block holding "Jan Smit, Logius Els Bos, RIVM".
Names are told from other words by shape only (capitalised tokens, Dutch particles), so there is
no list of names to maintain. Offsets point at each name in Document.text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extract.document import Attendee, Document
from extract.names_nl import (ABBREVIATED_PARTICLES, PARTICLE_WORDS, SPEECH_TITLES, TITLE_ABBREVIATIONS,
                              honorific_pattern)

RULES_VERSION = "attendees.rules.v1"
MAX_LIST_CHARS = 6000  # an attendee list is never longer; bounds the work on huge texts
_LABEL = re.compile(
    r"(?im)(?:^|(?<=\. ))[ \t•·\-*]*(?P<label>aanwezig(?:en)?|afwezig(?:en)?(?:\s*\(?met\s+(?:bericht|kennisgeving|afmelding)\)?|[ \t]+(?:met|zonder|wegens)[ \t]+[^:\n]{1,30}?(?=[ \t]*[:：])|[ \t]*\([^()\n]{1,40}\)(?=[ \t]*[:：]))?"
    r"|afmeldingen|afgemeld|verhinderd|deelnem\s?ers(?:\s+aan\s+het\s+overleg)?"
    r"|(?:notulist|notulen|verslag|voorzitter|secretaris)(?=\s*[:：]))"  # role labels only with a colon: "Voorzitter Jan opent"
    r"(?![\w])[ \t]*[:：]?[ \t]*")
# column headers of attendee tables ("Leden Departement Leden Departement")
_TABLE_HEADER = re.compile(r"^(?:(?:naam|namen|leden|lid|departement|organisatie|functie|rol)\b[\s/]*)+$", re.I)
_FIRST_NAME = re.compile(r"^(?:[A-Z][a-zà-ÿ]+|[A-Z]\.?)$")
_ABSENT = ("afwezig", "afmeld", "afgemeld", "verhinderd")
_ROLE_LABELS = {"notulist": "notulist", "notulen": "notulist", "verslag": "notulist", "voorzitter": "voorzitter",
                "secretaris": "secretaris"}
_PARTICLES = PARTICLE_WORDS | ABBREVIATED_PARTICLES
_HONORIFIC = re.compile(rf"^(?:{honorific_pattern()})\s+", re.I)
_COUNT = re.compile(r"^\(?(?:\w+\s+)?(\d{1,4})\s+(?:leden|personen|deelnemers|bewoners|huurders|aanwezigen)\)?", re.I)
# a roster of all members set as a table of column pairs ("Leden Departement Leden Departement"):
# who belongs to the body, not who came
_ROSTER_HEADER = re.compile(r"^(?:(?:naam|namen|leden|lid)\s+(?:departement|organisatie|functie|rol)\b\s*){2,}$", re.I)
_STOP_LINE = re.compile(r"^\s*(?:\d+[.)]?\s+[A-Z]|\d{1,2}[.)]?\s*$|[A-Z][^,()]{0,60}:\s*$|agenda|bijlage|mededelingen|opening)", re.I)
_ALL_OF = re.compile(r"(?i)(?:allen|beiden|alle\s+drie)\s+(?=\S)")
_ROLE_IN_PARENS = re.compile(r"^(?:vz|voorz|secr|notulen|notulist|voorzitter|secretaris|penningmeester|lid)\b", re.I)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$|^[A-Z]\.$")


def _split_name_org(chunk: str) -> tuple[str, str | None, str | None]:
    """'Gert Jan van de Kooij Pinkroccade' -> name, organisation, role (from parentheses)."""
    role = None
    chunk = _HONORIFIC.sub("", chunk.strip().rstrip(" .;"))
    if chunk.endswith(")") and chunk.count(")") > chunk.count("("):  # "Joeri Bekker Maykin.nl)": a lost "("
        chunk = chunk[:-1].rstrip()
    groups = []
    while (m := re.search(r"\(([^()]*)\)\s*$", chunk)):  # "(Logius)(vz)", "(secretaris)(Logius)"
        groups.insert(0, m.group(1).strip())
        chunk = chunk[:m.start()].strip()
    org = None
    if len(groups) > 1:
        orgs = [g for g in groups if (g[:1].isupper() or _ALL_OF.match(g)) and not _ROLE_IN_PARENS.match(g)]
        org = orgs[0] if orgs else None
        role = ", ".join(g for g in groups if g != org) or None
        return _HONORIFIC.sub("", chunk).strip(" .;:"), org, role
    role = groups[0] if groups else None
    if role and _ALL_OF.match(role):  # "(allen Woonstede)": the group's organisation
        org, role = role, None
    m = re.search(r"\s+(?:namens|van|-|–)\s+(?=[A-Z])(.+)$", chunk) if "," not in chunk else None
    if "," in chunk:
        chunk, org = (p.strip() for p in chunk.split(",", 1))
    elif re.search(r"\s{2,}|\t", chunk):
        chunk, org = (p.strip() for p in re.split(r"\s{2,}|\t", chunk, maxsplit=1))
    elif m and len(chunk[:m.start()].split()) >= 2:
        chunk, org = chunk[:m.start()].strip(), m.group(1).strip()
    else:
        toks = chunk.split()
        i = 1 if toks else 0
        while i < len(toks) and toks[i].lower() in _PARTICLES:
            i += 1
        i += 1  # the surname (or a second first name)
        while i < len(toks) and toks[i].lower() in _PARTICLES:  # "Gert Jan van de Kooij"
            i += 1
            if i < len(toks) and toks[i].lower() not in _PARTICLES:
                i += 1
        if i < len(toks):
            chunk, org = " ".join(toks[:i]), " ".join(toks[i:])
    if role and org is None and re.match(r"^[A-Z]", role) and not re.search(r"\b(?:voorzitter|secretaris|notul|lid|leden)", role, re.I):
        org, role = role, None
    return _HONORIFIC.sub("", chunk).strip(" .;:"), org, role


_ABBREVIATIONS = TITLE_ABBREVIATIONS | {"vz", "secr", "ca", "o.a", "resp", "bijv"}


def _sentence_end(body: str) -> int:
    """Where the sentence holding a prose list ends: a full stop after a word (not an initial or a title
    such as "mevr.") before a capitalised word; the whole body when there is none."""
    for m in re.finditer(r"([\w.]+|\))\.\s+(?=[A-Z])", body):
        word = m.group(1)
        if body[:m.start()].count("(") > body[:m.start()].count(")"):
            continue  # "(gem. Rotterdam)"
        if word == ")":  # "Rob Smit (opzichter). Verslag: ...": the list ended with the parenthesis
            return m.start() + 1
        if len(word) > 1 and word.casefold() not in _ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
            return m.start() + len(word)
    return len(body)


def _looks_like_name(name: str) -> bool:
    toks = [t for t in name.split() if t.lower() not in _PARTICLES]
    shouting = sum(len(t) > 1 and t.isupper() for t in toks)  # OCR debris and acronyms, not names
    return 2 <= len(toks) <= 5 and all(_NAME_TOKEN.match(t) for t in toks) and not re.search(r"\d", name) \
        and shouting * 2 < len(toks)


def _split_table_row(row: str) -> list[str]:
    """'Ad Gerrits VNG Koos Boersma Geonovum' (two name+organisation columns) -> two chunks.
    A second person starts at a first name followed by a capitalised word or a particle."""
    toks = row.split()
    i = 1
    while i < len(toks) and toks[i].lower() in _PARTICLES:
        i += 1
    i += 2  # the surname and at least one organisation word
    for j in range(i, len(toks) - 1):
        nxt = toks[j + 1]
        if _FIRST_NAME.match(toks[j]) and toks[j] not in ("Den", "De", "Het", "Min", "Gemeente") \
                and toks[j - 1] not in ("Den", "De", "Het", "Gemeente", "Gem") \
                and (nxt.lower() in _PARTICLES or (_FIRST_NAME.match(nxt) and len(nxt) > 1)):
            return [" ".join(toks[:j]), " ".join(toks[j:])]
    return [row]


def _chunks(body: str, one_per_line: bool) -> list[tuple[int, str]]:
    """(offset in body, text) of each person in a list body."""
    if one_per_line:
        out, pos = [], 0
        for line in body.split("\n"):
            out.append((pos + len(line) - len(line.lstrip(" \t•·-*°o")), line.strip(" \t•·-*°;")))
            pos += len(line) + 1
        return out
    out, depth, start = [], 0, 0
    for i, ch in enumerate(body + ","):
        depth += ch == "("
        depth = max(0, depth - (ch == ")"))  # a lost "(" ("Joeri Bekker Maykin.nl),") does not swallow the list
        if depth == 0 and (ch in ",;" or body.startswith(" en ", i)):
            out.append((start, body[start:i]))
            start = i + (4 if ch == " " else 1)
    return [(s + len(t) - len(t.lstrip()), t.strip()) for s, t in out]


def _following_blocks(text: str, pos: int) -> str:
    """The text of the short blocks after `pos` (one cell or line each), up to a heading or label;
    or one long block when that comes first (a list set as one paragraph)."""
    end = pos
    for i, chunk in enumerate(re.finditer(r"[^\n]+", text[pos:pos + MAX_LIST_CHARS])):
        line = chunk.group(0)
        if _LABEL.match(line) or _STOP_LINE.match(line):
            break
        end = pos + chunk.end()
        if len(line) > 80:  # a sentence, not a cell or a name
            if i > 0:
                end = pos + chunk.start()
            break
    return text[pos:end]


def _name_org_chain(chunks: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """'Jan Smit, Logius (vz) Els Bos, RIVM Piet Ax, VNG' split on commas gives chunks that hold one
    person's organisation and the next person's name; re-pair them as 'Jan Smit, Logius (vz)'."""
    if len(chunks) < 3:
        return None
    out, name_start, name = [], chunks[0][0], chunks[0][1]
    for start, chunk in chunks[1:-1]:
        toks = chunk.split()
        cut = next((j for j in range(1, len(toks) - 1) if _FIRST_NAME.match(toks[j])
                    and _looks_like_name(" ".join(toks[j:]))), None)
        if cut is None:
            return None
        org = " ".join(toks[:cut])
        out.append((name_start, f"{name}, {org}"))
        name_start = start + chunk.index(toks[cut])
        name = " ".join(toks[cut:])
    out.append((name_start, f"{name}, {chunks[-1][1]}"))
    return out


def _blocks_after_label(text: str) -> list[tuple[str, int, str]]:
    """(label, offset, body) for each labelled list: the rest of the line, then following lines."""
    found = []
    for m in _LABEL.finditer(text):
        label = m.group("label").lower()
        end = text.find("\n\n", m.end(), m.end() + MAX_LIST_CHARS)
        region = text[m.end(): end if end != -1 else m.end() + MAX_LIST_CHARS]
        nxt = _LABEL.search(region)  # a second label in the same paragraph ends this list
        region = region[:nxt.start()].rstrip(" .") if nxt else region
        if not region.strip():  # the label is a block of its own: the list is in the next blocks
            found.append((label, m.end(), _following_blocks(text, m.end())))
            continue
        first, *rest = region.split("\n")
        lines = [first]
        for line in rest:
            if _LABEL.match(line) or _STOP_LINE.match(line) or not line.strip() or len(lines) > 60:
                break
            lines.append(line)
        found.append((label, m.end(), "\n".join(lines)))
    return found


def _share_group_organisation(people: list[Attendee], listed: list[tuple[int, int]], closed_by: dict) -> None:
    """A prose list in groups ("A (voorzitter), B en C (Huurdersvereniging); D, E (Woonstede)" or
    "A (manager), B (allen Woonstede)"): the organisation that ends a group belongs to each of its
    members that names none."""
    by_group: dict[int, list[int]] = {}
    for i, g in listed:
        by_group.setdefault(g, []).append(i)
    for g, members in by_group.items():
        org = closed_by.get(g) or people[members[-1]].organisation
        if not org:
            continue
        for i in members:
            if people[i].organisation is None:
                people[i] = replace(people[i], organisation=org)


_ALL_OF_CHUNK = re.compile(r"^(?:allen|beiden|alle\s+drie)\s+([A-Z][^()]{1,80})$")
# "... C (bestuurslid) namens de vereniging": the organisation of every member of C's group
_TRAILING_ON_BEHALF = re.compile(r"\s+namens\s+((?:de|het)\s+[a-z][\w-]*|[A-Z][^()]{0,60}?)\s*$")
_OPENS_GROUP = re.compile(r"[.;]\s+namens\s+([^:()]{2,80}?)\s*:\s*", re.I)


def _open_groups(chunks: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """'A (voorzitter) en B (lid). Namens Woonstede: C, D': a sentence opening with "Namens X:" in a prose
    list starts a group whose organisation is X; the chunk holding it is split in two."""
    out, opened = [], {}
    for start, chunk in chunks:
        m = _OPENS_GROUP.search(chunk)
        if m and chunk[:m.start()].strip():
            out.append((start, chunk[:m.start() + 1].rstrip(" .;")))
            opened[len(out)] = m.group(1).strip()
            out.append((start + m.end(), chunk[m.end():]))
        else:
            out.append((start, chunk))
    return out, opened


def attendees_of(doc: Document) -> tuple[tuple[Attendee, ...], int | None]:
    """The listed attendees and the number present when the text states one ("41 leden")."""
    people: list[Attendee] = []
    present_count = None
    for label, offset, body in _blocks_after_label(doc.text):
        absent = any(label.startswith(a) for a in _ABSENT)
        role_label = _ROLE_LABELS.get(label.split()[0])
        count = _COUNT.match(body.strip())
        if count and not absent and present_count is None:
            present_count = int(count.group(1))
        if count and re.match(r"\s*\(", body):  # "(10 personen) Jan Smit, ...": the names follow the count
            cut = body.index(count.group(0)) + len(count.group(0))
            offset, body = offset + cut, body[cut:]
        lines = [ln for ln in body.split("\n") if ln.strip()]
        head = 0  # a header set one cell per line ("Leden", "Departement", ...) is one header line
        while head < len(lines) and _TABLE_HEADER.match(lines[head].strip()):
            head += 1
        if head > 1:
            joined = " ".join(ln.strip() for ln in lines[:head])
            cut = 0
            for ln in lines[:head]:
                cut = body.index(ln, cut) + len(ln)
            body = joined + body[cut:]  # offsets past the header move by the dropped newlines: re-anchored below
            lines = [joined] + lines[head:]
        table = bool(lines) and bool(_TABLE_HEADER.match(lines[0].strip()))
        if table and "/" in lines[0]:
            continue  # "Leden/departement": a list of organisations, not of people
        roster = table and bool(_ROSTER_HEADER.match(lines[0].strip()))
        if table:  # drop the column header line
            cut = body.find("\n")
            offset, body = (offset + cut + 1, body[cut + 1:]) if cut != -1 else (offset, "")
        one_per_line = table or (len(lines) > 1 and all(len(ln) < 80 and ln.count(",") <= 1 for ln in lines))
        body_for_chunks = body if one_per_line else body.replace("\n", " ")
        chunks = _chunks(body_for_chunks, one_per_line)
        if chunks and not one_per_line:  # "Aanwezig: Max, Stijn. Tijden 11-13": the list ends with its sentence
            start, last = chunks[-1]
            chunks[-1] = (start, last[:_sentence_end(last)])
        first_names_only = not one_per_line and len(chunks) >= 3 and all(
            re.fullmatch(r"[A-Z][a-zà-ÿ]{2,}", c.strip(" .")) for _, c in chunks)
        if not one_per_line:
            chunks = _name_org_chain(chunks) or chunks
        if table:
            chunks = [(s + (row.find(part) if k else 0), part) for s, row in chunks
                      for k, part in enumerate(_split_table_row(row))]
        on_behalf = re.match(r"\s*namens\s+([^:]{2,80}?)\s*:", body, re.I)  # "Aanwezig namens X: A, B"
        opened_by: dict[int, str] = {}  # chunk index -> the organisation of the group it opens
        if not one_per_line:
            chunks, opened_by = _open_groups(chunks)
        listed = []  # (index in people, group): a group is a run of names closed by ";", "(allen X)", ", allen X"
        group, groups_closed_by = 0, {}  # or a trailing "namens X" ending a ";" group; or opened by ". Namens X:"
        for k, (start, chunk) in enumerate(chunks):
            semis = body_for_chunks.count(";", 0, start) if not one_per_line else 0
            if k in opened_by:
                group = max(group + 1, semis * 1000)
                groups_closed_by[group] = opened_by[k]
            all_of = _ALL_OF_CHUNK.match(chunk) if not one_per_line else None
            if all_of and listed and listed[-1][1] == max(group, semis * 1000):  # "A (x), B (y), allen Woonstede;"
                groups_closed_by[listed[-1][1]] = all_of.group(1).strip(" .")
                group = listed[-1][1] + 1
                continue
            trailing = _TRAILING_ON_BEHALF.search(chunk) if not one_per_line else None
            if trailing and _looks_like_name(_split_name_org(chunk[:trailing.start()])[0]):
                chunk = chunk[:trailing.start()]  # "C (bestuurslid) namens de vereniging;": the whole group's
            chunk = re.sub(r"\s*\d{1,2}-\d{1,2}-\d{4}\s*$", "", chunk)
            chunk = re.sub(r"^(?:het bestuur|bestuur|namens [^:]+?|(?:bij|vanaf|tot) (?:punt|agendapunt) [^:]{1,12})\s*:\s*",
                           "", chunk, flags=re.I)
            m = re.match(rf"^namens\s+(.+?)\s+((?:{SPEECH_TITLES})\s+.+)$", chunk, re.I)
            name, org, role = _split_name_org(m.group(2) if m else chunk)
            if m:
                org = m.group(1)
            if not (_looks_like_name(name) or first_names_only) or (org and len(org.split()) > 8):
                continue
            group = max(group, semis * 1000)
            if org and _ALL_OF.match(org):  # "X (manager), Y (allen Hanzeborg)": all of them
                org = _ALL_OF.sub("", org, count=1)
                groups_closed_by[group] = org
                listed.append((len(people), group))
                group += 1
            elif trailing and _looks_like_name(name):
                org = org or trailing.group(1).strip(" .")
                listed.append((len(people), group))
                later = chunks[k + 1][0] if k + 1 < len(chunks) else None
                if later is None or body_for_chunks.count(";", 0, later) > semis:  # the last of its group
                    groups_closed_by.setdefault(group, org)
                    group += 1
            else:
                listed.append((len(people), group))
            pos = offset + start
            at = doc.text.find(name, pos, pos + len(chunk) + 40)  # point at the name itself
            start, end = (at, at + len(name)) if at != -1 else (pos, pos + len(chunk))
            people.append(Attendee(name=name, organisation=org, role=role or role_label,
                                   status="absent" if absent else "member" if roster else "present",
                                   page=doc.page_of(start), start=start, end=end))
        if not one_per_line and len({g for _, g in listed}) > 1:
            _share_group_organisation(people, listed, groups_closed_by)
        if on_behalf and not one_per_line:  # after the groups: "Namens X: A, B. Namens Y: C" gives C Y, not X
            org = on_behalf.group(1).strip()
            for i, _ in listed:
                if people[i].organisation is None:
                    people[i] = replace(people[i], organisation=org)
    return tuple(people), present_count
