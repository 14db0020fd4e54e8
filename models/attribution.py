"""Who said each sentence: `attribute(doc, speakers, sections) -> tuple[Attribution]`.

Order of evidence for a sentence (the first that applies wins):
1. an anonymous voice as its subject ("Een bewoonster vraagt", "Veel bewoners klagen",
   "vraagt een aanwezige") -> "tenant" (one resident) or "floor" (a group, an anonymous participant);
2. a named speaker as its subject or in reported speech ("Nijhuis antwoordt", "stelde Diepeveen",
   "volgens Bram", "De voorzitter opent") -> that speaker;
3. the previous sentence's voice in the same paragraph (reports go on paraphrasing one speaker);
4. the speaker named in the section heading ("Grietje Doevedans, programmamanager Portaal");
5. None.
"""
from __future__ import annotations

import re

from extract.document import Document
from models.annotations import Attribution, Speaker

_LEAD = r"(?:(?:ook|wel|daarna|vervolgens|verder|tot slot|tenslotte|daarop|vooral|en|maar)\s+)?"
_TENANT = (r"(?:e[eé]n|één)\s+(?:(?:oudere|jonge|andere|boze|oude|nieuwe|alleenstaande)\s+)?(?:bewoner|bewoonster|huurder|huurster|"
           r"lid|ander|buurman|buurvrouw|buurtbewoner|moeder|vader|huurdersraadlid)\b"
           r"|(?:e[eé]n|één) van de (?:bewoners|huurders|bewoonsters|leden)\b")
_FLOOR_ONE = (r"(?:(?:e[eé]n|één)\s+(?:(?:oudere|jonge|andere)\s+)?(?:deelnemer|deelneemster|aanwezige|bezoeker|bezoekster|"
              r"vraagsteller)|(?:e[eé]n|één) van de (?:aanwezigen|deelnemers|bezoekers)|iemand)\b")
_FLOOR_GROUP = (r"(?:(?:veel|vele|diverse|meerdere|verschillende|enkele|sommige|een aantal|een paar|een groep|alle|de|"
                r"andere|twee|drie|vooral|oudere|jonge|aanwezige)\s+)*"
                r"(?:bewoners|huurders|leden|deelnemers|aanwezigen|bezoekers|buurtbewoners|vraagstellers)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:volgens|aldus|stelde|stelt|zegt|zei|vraagt|vroeg|antwoordt|antwoordde|meldt|"
                            r"meldde|vertelt|vertelde|merkt|reageert|vindt|benadrukt)\s+(?:(?:mevrouw|mevr\.|dhr\.|"
                            r"de heer|meneer|wethouder)\s+)?$", re.I)
# words that may stand before a subject name: "Ook", "Wethouder Wonen van de gemeente Utrecht", "Mevr."
_PREFIX_WORDS = {"van", "de", "het", "der", "den", "ter", "ten", "el", "ook", "daarna", "vervolgens", "tenslotte",
                 "verder", "mevrouw", "mevr.", "mevr", "dhr.", "dhr", "meneer", "heer", "wethouder", "voorzitter",
                 "gemeente", "namens", "volgens", "en", "wel", "tot", "slot", "mw.", "mw"}
_PREFIX_SUFFIXES = ("leden", "lid", "voorzitter", "manager", "adviseur", "consulent", "medewerker", "ambtenaar")


def _prefix_ok(prefix: str) -> bool:
    if re.search(r"[^\w\s,.’'-]", prefix):
        return False
    words = prefix.replace(",", " ").split()
    return len(words) <= 8 and all(w[:1].isupper() or w.casefold() in _PREFIX_WORDS
                                   or w.casefold().endswith(_PREFIX_SUFFIXES) for w in words)


_LIST_BLOCK = re.compile(r"^\s*(?:aanwezig|afwezig|afgemeld|present|aanwezigen|verhinderd)\b[^:]{0,40}:", re.I)
_PRONOUN = re.compile(r"^(?:zij|hij|ze|volgens haar|volgens hem|haar|zijn)\b", re.I)


def anonymous_voice(sentence: str) -> str | None:
    """'tenant' for one anonymous resident, 'floor' for a group or anonymous participant, else None."""
    s = sentence.strip().lstrip("-•*– ").casefold()
    if re.match(_LEAD + _TENANT, s):
        return "tenant"
    if re.match(_LEAD + "(?:" + _FLOOR_ONE + "|" + _FLOOR_GROUP + ")", s):
        return "floor"
    if re.search(r"\b(?:vraagt|vroeg|zegt|zei|merkt|klaagt|vindt|stelt)\s+" + _TENANT, s):
        return "tenant"
    if re.search(r"\b(?:vraagt|vroeg|zegt|zei|merkt|klaagt|vindt|stelt)\s+" + _FLOOR_ONE, s):
        return "floor"
    if re.search(r"\b(?:in|uit) de zaal\b|\bin de chat\b|\bwerd (?:er )?(?:geklaagd|gevraagd|opgemerkt|gezegd)\b", s):
        return "floor"
    return None


def _ranges(sections) -> list[tuple[str | None, int, int]]:
    out = []
    for s in sections:
        if hasattr(s, "span"):
            out.append((s.heading, s.span.start, s.span.end))
        else:
            out.append(tuple(s))
    return out


def _speaking(doc: Document, start: int, end: int, mentions) -> str | None:
    """The speaker key that is the subject or source of doc.text[start:end], if any."""
    for m_start, m_end, key in mentions:
        if not (start <= m_start < end):
            continue
        prefix = doc.text[start:m_start]
        if _SPEECH_BEFORE.search(prefix):
            return key
        if _prefix_ok(prefix) and not re.search(r"\b(?:bij|met|aan|voor)\s*$", prefix):
            return key
        after = doc.text[m_end:m_end + 3]
        if re.match(r"\s*:", after):
            return key
    return None


def attribute(doc: Document, speakers: tuple[Speaker, ...], sections) -> tuple[Attribution, ...]:
    mentions = sorted((sp.start, sp.end, s.key) for s in speakers for sp in s.mentions)
    heading_speaker = {}
    for heading, start, end in _ranges(sections):
        block = next((b for b in doc.blocks if b.start == start and b.kind == "heading"), None)
        if block is not None:
            keys = [k for a, _, k in mentions if block.start <= a < block.end]
            heading_speaker[start] = keys[0] if keys else None
    ranges = _ranges(sections)
    out, prev, prev_block, last = [], None, None, None
    for s in doc.sentences:
        sec_start = next((a for _, a, b in ranges if a <= s.start < b), None)
        if s.block != prev_block:
            prev, prev_block = None, s.block
            if last is not None and last[0] == sec_start and _PRONOUN.match(s.text.strip()):
                prev = last[1]  # "Zij ..." opening a paragraph goes on with the last voice of the section
        if _LIST_BLOCK.match(doc.blocks[s.block].text if doc.blocks else ""):
            out.append(Attribution(s.index, None, "none"))  # an attendance list says who came, not who spoke
            prev = None
            continue
        voice = anonymous_voice(s.text)
        key = None if voice else _speaking(doc, s.start, s.end, mentions)
        if voice:
            att = Attribution(s.index, voice, "anonymous")
        elif key:
            att = Attribution(s.index, key, "reported_speech")
        elif prev is not None and (prev.speaker is not None):
            att = Attribution(s.index, prev.speaker, prev.how if prev.how != "none" else "section")
        elif heading_speaker.get(sec_start):
            att = Attribution(s.index, heading_speaker[sec_start], "section")
        else:
            att = Attribution(s.index, None, "none")
        out.append(att)
        prev = att
        last = (sec_start, att) if att.speaker is not None else last
    return tuple(out)
