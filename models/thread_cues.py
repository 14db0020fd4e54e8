"""Cue words of commitment threads: what kind of unit a sentence is (an action-list item, a review of
the previous list, a promise, a follow-up), the action numbers it prints, and the status it reports.

Events follow the conventions of ../shared/corpus/README.md: done ("afgehandeld", "uitgevoerd",
"ontvangen", "geplaatst"), dropped ("vervalt", "gaat niet door"), postponed ("schuift door naar"),
progress ("loopt", "gedeeltelijk"), repeated ("staat nog open", "nog altijd niet uitgevoerd"). A done
cue under negation ("niet uitgevoerd", "niet op tijd klaar") is no completion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ACTION_HEADINGS = re.compile(r"\b(actiepunt\w*|actielijst|acties|afspraken|besluiten- en actielijst|toezeggingen)\b", re.I)
REVIEW_HEADINGS = re.compile(r"\b(vorig\w*|vorige keer|openstaande|stand van zaken|terugblik)\b", re.I)
_NEG = r"(?<!\bniet )(?<!\bnog niet )(?<!\bnooit )(?<!\bgeen )"
DONE = re.compile(r"\b(afgehandeld|afgerond|uitgevoerd|gerealiseerd|opgelost|opgericht|ontvangen|verstuurd|verzonden|"
                  r"gedaan|geleverd|gepubliceerd|aangemeld|branden sinds|is gebeurd|afgesloten|in gebruik genomen|"
                  r"(lag|lagen) (\w+ ){0,3}op tafel)\b")
PARTIAL = re.compile(r"\b\d+ van de \d+\b|\bde overige\b|\bgedeeltelijk\b|\bde helft\b|\bdeels\b")
# done only when told as past: "is op 12 december geplaatst", not "wordt geplaatst" or "vervangen (Stegeman, ...)"
DONE_PAST = re.compile(r"\b(is|zijn|werd|werden|heeft|hebben)\b(?!.*\b(worden|wordt|zal|zullen)\b).*"
                       r"\b(geplaatst|vervangen|geïnstalleerd|gereed|klaar|uitgelegd|gestuurd|geregeld|aangepast|gehouden|"
                       r"georganiseerd)\b(?!,? maar)")
NEGATED = re.compile(r"\b(niet|nog niet|nooit|geen|nog altijd niet|nog steeds niet)\s+(\w+\s+){0,2}?"
                     r"(op tijd\s+)?(afgehandeld|afgerond|uitgevoerd|gerealiseerd|opgelost|ontvangen|geplaatst|"
                     r"verstuurd|gedaan|geleverd|vervangen|gereed|klaar)\b")
DROPPED = re.compile(r"\b(vervalt|vervallen|gaat niet door|geschrapt|ingetrokken|niet meer actueel|van de lijst|"
                     r"afgevoerd|wordt niet (meer )?uitgevoerd|stopt|gestopt)\b")
POSTPONED = re.compile(r"\b(schuift door|doorgeschoven|uitgesteld|verschoven|verschuift|later dan gepland|"
                       r"niet op tijd|vertraagd|vertraging|pas in|volgen in|wordt meegenomen in|komt later)\b")
PROGRESS = re.compile(r"\b(loopt|lopen|gedeeltelijk|deels|in gesprek|bezig|de helft|in uitvoering|in voorbereiding|"
                      r"gestart|begonnen|zijn gecontroleerd|is klaar, maar|inmiddels aangemaakt)\b")
STILL_OPEN = re.compile(r"\b(staat (nog )?open|nog open|geen nieuws|opnieuw toe|nog altijd|nog steeds|"
                        r"herhaalt|blijft staan|nog niet)\b")
PROMISE = re.compile(r"\b(zegt toe|zeggen toe|toegezegd|belooft|beloven|<\s*actiepunt|actiepunt\s*:|"
                     r"neemt\b.*\bmee|gaat na|gaan na|zoekt\b.*\buit|komt\b.*\bterug|laat\b.*\bweten|"
                     r"stuurt|zal|zullen|gaat|gaan|houdt|plant|organiseert|regelt|zorgt|laat)\b", re.I)
STRONG_PROMISE = re.compile(r"\b(zegt toe|zeggen toe|zegt\b.*\btoe dat|zegt (dat|dit|het) toe|belooft|beloven|"
                            r"(bekijkt|gaat na|onderzoekt|kijkt|zoekt uit) of)\b", re.I)
# a present-tense action with a date ahead: "Hanzeborg stuurt ... voor 1 mei een brief", "Hij laat in december ... controleren"
PRESENT_WITH_DATE = re.compile(r"\b(stuurt|sturen|laat|laten|levert|plaatst|maakt|regelt|organiseert|komt met|start|"
                               r"informeert|zorgt|brengt|rapporteert|houdt)\b.*\b((voor|vóór|uiterlijk|in|eind|per)\s+(\d{1,2}\s+)?(januari|februari|"
                               r"maart|april|mei|juni|juli|augustus|september|oktober|november|december)|binnen \w+ (weken|dagen)|"
                               r"voor de zomer|dit jaar|volgende? overleg|\w+ kwartaal)\b", re.I)
TAKES_OVER = re.compile(r"\b(dossier van|overgenomen van|heeft overgenomen|opvolger van|in de plaats van)\b", re.I)
NOT_PROMISE = re.compile(r"^\s*(volgens|naar verwachting)\b|\bverwacht\b", re.I)
CONTINUES = re.compile(r"\b(opnieuw toe|hier al|er al|al een half jaar|al maanden|wacht(en)? (nog )?op|op wachten)\b")
ACTS = re.compile(r"\b(heeft|zegt|laat|meldt|stuurt|legt|belooft|zal|gaat|komt|is)\b")
QUESTION = re.compile(r"\?|^\s*(wat|wanneer|hoe|waarom|is er|wie)\b|\bvraagt (of|wanneer|wat|hoe)\b|"
                      r"\bterechtgekomen\b", re.I)

# the status mark closing a row of an action table ("... Logius O", "... Tim G", "... Af voeren");
# the marks are rarely defined in the text: G(esloten)/X/gereed/afgerond = done, Af(voeren)/vervallen = dropped,
# O(pen), ?, B(esluit) = still on the list
_ROW_MARK = re.compile(r"(?:^|\s)(O\??|G\??|X|B|\?|open|gesloten|afgesloten|afgerond|gereed|klaar|"
                       r"af(?:\s?\w{1,3}){0,4}|afgevoerd|vervallen|vervalt)\s*$", re.I)
_MARK_STATUS = {"g": "done", "g?": "done", "x": "done", "gesloten": "done", "afgesloten": "done", "afgerond": "done",
                "gereed": "done", "klaar": "done", "afgevoerd": "dropped", "vervallen": "dropped", "vervalt": "dropped"}
LEGEND = re.compile(r"\b[A-Z?]{1,2}\s*=\s*[a-z]{3,}.*\b[A-Z?]{1,2}\s*=\s*[a-z]{3,}")


def row_mark(text: str) -> tuple[str | None, str | None]:
    """(mark as printed, status it gives) of a table row's closing status cell; (None, None) without one.
    A mark split into syllables ("Af vo er en") is read whole."""
    m = _ROW_MARK.search(" ".join(text.split()))
    if not m:
        return None, None
    mark = m.group(1)
    key = mark.lower()
    if key.replace(" ", "").startswith("af") and key not in _MARK_STATUS:
        return mark, "dropped" if re.match(r"afvo|afge?v", key.replace(" ", "")) else \
            "done" if key.replace(" ", "").startswith("afge") else None
    return mark, _MARK_STATUS.get(key)


def is_legend(text: str) -> bool:
    """A key to the status marks ("O=open/G=afgesloten") says nothing about any action."""
    return bool(LEGEND.search(text))


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


def asks(text: str) -> bool:
    """A question ("?", "wat/wanneer ...", "vraagt of"); the "?" of a web address is none."""
    return bool(QUESTION.search(_URL.sub(" ", text)))


_NUMBER_LEAD = re.compile(r"^\s*(?:[-•–*]\s*)?(\d{1,3})[.)]\s+\S")
_ACTIEPUNT = re.compile(r"\bactie(?:punt)?\s*(?:nr\.?\s*)?(\d{1,3}(?:/\d{1,3})?)\b", re.I)
_WAS = re.compile(r"\b(?:was|voorheen|oud)\s+(?:actie(?:punt)?\s*)?(?:nr\.?\s*)?(\d{1,3})\b", re.I)
_CODE = re.compile(r"\b(\d{4})/(\d{2})\b")


@dataclass(frozen=True)
class Refs:
    own: str | None  # the number this unit is listed under ("3", "2504/03")
    was: str | None  # the old number beside a renumbered item
    cited: tuple[str, ...]  # numbers it refers to ("Actiepunt 3 ...")


def refs_in(text: str, kind: str) -> Refs:
    flat = " ".join(text.split())
    codes = [f"{a}/{b}" for a, b in _CODE.findall(flat)]
    own = None
    if kind == "action":
        m = _NUMBER_LEAD.match(flat)
        own = codes[0] if codes and flat.startswith(codes[0]) else (m.group(1) if m else None)
    was = (_WAS.search(flat) or [None, None])[1] if _WAS.search(flat) else None
    cited = [m.group(1) for m in _ACTIEPUNT.finditer(flat) if not _WAS.search(flat[max(0, m.start() - 8):m.end()])]
    if kind == "review":
        m = _NUMBER_LEAD.match(flat)
        if m:
            cited.insert(0, m.group(1))
        cited += [c for c in codes if c not in cited]
    elif kind != "action":
        cited += [c for c in codes if c not in cited]
    return Refs(own, was, tuple(dict.fromkeys(cited)))


def ref_variants(ref: str) -> tuple[str, ...]:
    """A day-month code may be printed month-day once ("0204/07" and "0402/07" are one action)."""
    m = re.fullmatch(r"(\d{2})(\d{2})/(\d{2})", ref)
    return (ref, f"{m.group(2)}{m.group(1)}/{m.group(3)}") if m else (ref,)


def status_of(text: str) -> str | None:
    """The status a sentence reports: done, dropped, postponed, progress, repeated or None."""
    low = " ".join(text.lower().split())
    negated = NEGATED.search(low)
    plain = NEGATED.sub(" ", low)
    partial = PARTIAL.search(low)
    if (DONE.search(plain) or DONE_PAST.search(plain)) and not re.search(r"\b(zal|zullen)\b", low) and not partial:
        return "done"
    if DROPPED.search(low):
        return "dropped"
    if POSTPONED.search(low):
        return "postponed"
    if (PROGRESS.search(low) or partial) and not negated:
        return "progress"
    if STILL_OPEN.search(low) or negated:
        return "repeated"
    return None


def status_of_draft(d) -> str | None:
    return d.mentions[-1].event if d.mentions else None


def acts_as_heading(kind: str, text: str) -> bool:
    """A heading or title block, unless the layout took an action line for one ("<actiepunt Logius> ...")."""
    return kind in ("heading", "title") and not re.search(r"<\s*(actiepunt|besluit)|\bactiepunt\s*:", text, re.I) \
        and len(text) < 120


def unit_kind(u) -> str | None:
    """action (an item of this report's action list) | review (the previous list gone through) |
    promise | followup | None."""
    heading = u.heading or ""
    text = " ".join(u.text.split())
    under_list = bool(ACTION_HEADINGS.search(heading))
    reviewing = under_list and bool(REVIEW_HEADINGS.search(heading))
    numbered = bool(_NUMBER_LEAD.match(text) or _CODE.match(text))
    if under_list and not reviewing and (u.kind == "list_item" or numbered):
        return "action"
    if reviewing and (u.kind == "list_item" or numbered or _ACTIEPUNT.search(text)):
        return "review"
    if _ACTIEPUNT.search(text) and (status_of(text) or reviewing):
        return "review"
    if reviewing and not STRONG_PROMISE.search(text):
        return "followup" if status_of(text) else None
    if not asks(text) and not NOT_PROMISE.search(text) and (
            (u.committed and PROMISE.search(text) and status_of(text) not in ("done", "dropped"))
            or STRONG_PROMISE.search(text)
            or (PRESENT_WITH_DATE.search(text) and not status_of(text))):
        return "promise"
    if re.search(r"<\s*actiepunt", text, re.I):
        return "promise"
    if status_of(text) or _CODE.search(text) or re.search(r"\btoezegging|\bactiepunt", text, re.I):
        return "followup"
    return None


_NOT_NAMES = {"het", "de", "een", "actiepunt", "op", "er", "dit", "dat", "deze", "zij", "hij", "wij", "we", "ook"}


def is_name(by: str) -> bool:
    """The tagger's promiser when it is a name or body, not a sentence's first word ("Het", "Actiepunt")."""
    return bool(by) and by.split()[0].lower() not in _NOT_NAMES


def listed_by(text: str) -> str | None:
    """Who an action-list item names in its closing parenthesis: "... (Ruud Stegeman, december 2022)"."""
    m = re.search(r"\(([^()]*)\)\s*$", " ".join(text.split()))
    if not m:
        return None
    who = m.group(1).split(",")[0].strip()
    return who if who and not re.search(r"\d", who) and is_name(who) else None


def before_series(text: str, first_date: str | None) -> bool:
    """A question about a promise from before the series ("wat is er terechtgekomen van de toezegging uit 2019?")."""
    m = re.search(r"\b(toezegging|belofte|afspraak|actiepunt)\w*\s+(?:\w+\s+){0,3}(uit|van|in)\s+(\d{4})\b", text, re.I)
    return bool(m and first_date and int(m.group(3)) < int(first_date[:4]) and asks(text))


def outcome_first(text: str, kind: str) -> bool:
    """"Het actiepunt uit 2022 over de rookmelders is afgehandeld": an action promised before the
    series (or in a report not loaded) whose first mention here is its outcome."""
    return kind in ("review", "followup") and bool(re.search(r"\bactiepunt\b", text, re.I)) \
        and status_of(text) in ("done", "dropped") and not asks(text)


def anaphoric(text: str) -> bool:
    """"Bart Coolen zegt dat toe.": the promise's object is in the sentence before."""
    t = " ".join(text.split())
    return len(t) < 70 or bool(re.search(r"\b(zegt|laat|bekijkt|neemt) (dat|dit|het|daar)\b", t))


_SUBJECT = re.compile(r"^((?:[A-Z][\w\-]+|van|de|der|den|ten|el)(?: (?:[A-Z][\w\-]+|van|de|der|den|ten|el)){0,3}) "
                      r"(?:zegt|belooft|gaat|zal|stuurt|laat|neemt|komt|zorgt|houdt|regelt|plant|organiseert)\b")


def subject_of(text: str) -> str | None:
    """The promiser named as the sentence's subject: "Bart Hendriks zegt toe ..." -> "Bart Hendriks"."""
    m = _SUBJECT.match(" ".join(text.split()))
    return m.group(1) if m and is_name(m.group(1)) else None


def bare(text: str) -> bool:
    """A table cell with an action code and at most a name or status mark ("2504/01", "0402/10 Tim G")."""
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", _CODE.sub(" ", text))
    return bool(_CODE.search(text)) and len(words) < 3


def is_question(text: str) -> bool:
    return asks(text)


def continues(text: str) -> bool:
    return bool(CONTINUES.search(text.lower()))


def reports_action(text: str) -> bool:
    return bool(ACTS.search(text.lower()))


def what_of(text: str) -> str:
    """A short description: the text without its number, status tail or (who, when) parenthesis."""
    t = " ".join(text.split())
    t = re.sub(r"^\s*(?:[-•–*]\s*)?(\d{1,3}[.)]|\d{4}/\d{2})\s*", "", t)
    t = re.sub(r"\s*\([^()]*\)\s*$", "", t)
    t = re.sub(r"<[^>]*>\s*", "", t)
    return t[:160]
