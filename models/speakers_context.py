"""Document-level context for speakers: the host organisation, the landlord, the meeting type."""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from importlib import resources

from extract.document import Document

_TENANT_BODY = r"(?:Huurdersraad|Huurdersplatform|Huurdersvereniging|Huurdersorganisatie|Bewonersorganisatie|" \
               r"Bewonerscommissie|Huurdersbelangenvereniging|Bewonersraad|Huurderskoepel|Bewonersvereniging)"
_CAPS = r"[A-ZÀ-Þ][\w’'-]*"


def load_rules(name: str = "speakers.rules.v1") -> dict:
    """The versioned speaker rule set (models/data/<name>.json), or a JSON file path. Read-only: a shipped
    rule set is one dict shared by every caller."""
    if name.endswith(".json"):
        with open(name, encoding="utf-8") as f:
            return json.load(f)
    return _shipped_rules(name)


@functools.lru_cache(maxsize=8)  # parsed once per process, not once per document
def _shipped_rules(name: str) -> dict:
    return json.loads((resources.files("models") / "data" / f"{name}.json").read_text(encoding="utf-8"))


def host_organisation(doc: Document) -> str | None:
    """The tenants' organisation that held the meeting: metadata, running header or the opening text."""
    if doc.meeting.organisation:
        return doc.meeting.organisation
    for h in doc.running_headers:
        m = re.search(rf"{_TENANT_BODY}(?:[ \t]+{_CAPS})*", h)
        if m:
            return m.group()
    head = doc.text[:1500]
    m = re.search(rf"{_TENANT_BODY}(?:[ \t]+{_CAPS})*", head)
    return m.group() if m else None


def meeting_type(doc: Document, rules: dict) -> str | None:
    if doc.meeting.type:
        return doc.meeting.type
    head = doc.text[:600].casefold()
    return next((t for t in rules["members_meetings"] if t in head), None)


def corporations_in(doc: Document, rules: dict) -> Counter:
    """Housing corporations named in the text, by their fullest written form."""
    found: Counter = Counter()
    heads = r"(?:Woonstichting|Woningstichting|Woningcorporatie|Wooncorporatie|Woningbouwvereniging)"
    full = {}
    text = "\n".join((*doc.running_headers, doc.text))  # "Overleg X - Woonstichting Y" may stand in the header only
    for m in re.finditer(rf"{heads}\s+({_CAPS}(?:[ \t]+{_CAPS})*)", text):
        full[m.group(1)] = m.group(0)
    m = re.search(r"(?:namens|verhuurder)\s+(?:verhuurder\s+)?(" + _CAPS + r")", doc.text)
    other_bodies = [c for k, cues in rules["org_kinds"] if k != "housing_corporation" for c in cues]
    if m and m.group(1) not in full and m.group(1) not in ("de", "het") \
            and not any(c in m.group(1).casefold() for c in other_bodies):  # "namens Zorgcentrum X" is no landlord
        full.setdefault(m.group(1), m.group(1))
    for c in rules["corporations"]:  # the substring test first: most reports name few of these
        if c in doc.text and re.search(rf"\b{re.escape(c)}\b", doc.text):
            full.setdefault(c, c)
    for short, long in full.items():
        n = len(re.findall(rf"\b{re.escape(short)}\b", doc.text))
        if n:
            found[long] = n
    return found
