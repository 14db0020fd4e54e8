"""The hand-written gold of the bundled samples (samples/gold/*.gold.json) keeps to the gold format.

The gold is the yardstick of the sample quality floors and of the learned taggers, so a typo in it
(a quote that is no longer in the text, a theme key the scorer does not know, a speaker kind outside
the vocabulary, a concern left out of the concern groups) silently skews every figure. These checks
need no tagger: quotes are looked up in the committed extraction goldens (tests/golden/NAME.txt,
pinned against the PDFs by test_extract_golden.py). The vocabularies are those of the evaluation
corpus README ("Gold annotation format", "Reference theme keys", "Concern groups"), written out here
so that the test also fails when the models' own vocabularies drift from them.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR, PDF_DIR, GOLDEN_DIR = ROOT / "samples" / "gold", ROOT / "samples" / "pdf", ROOT / "tests" / "golden"
GROUPS = GOLD_DIR / "concern_groups.gold.json"
GOLDS = sorted(p for p in GOLD_DIR.glob("*.gold.json") if not p.name.startswith("concern_groups"))
NAMES = [p.name[: -len(".gold.json")] for p in GOLDS]

THEME_KEYS = {
    "betaalbaarheid", "woningtekort", "nieuwbouw", "toewijzing", "doorstroming", "gemengde_wijken",
    "leefbaarheid", "overlast", "veiligheid", "kwetsbare_groepen", "zorg_en_welzijn", "ouderen",
    "onderhoud", "duurzaamheid", "servicekosten", "participatie", "gemeenschap", "communicatie",
    "verkoop_liberalisatie", "corporatie", "mobiliteit"}
SPEAKER_KINDS = {"tenant", "tenant_representative", "politician", "civil_servant", "housing_corporation",
                 "care_organisation", "expert", "chair", "other"}
CONCERN_KINDS = {"complaint", "worry", "question", "disagreement", "condition", "request"}
RAISED_BY = {"tenant", "floor", "residents_reported"}  # ... or a speaker's name (or alias)

TOP_KEYS = {"file", "meeting", "sections", "speakers", "concerns", "optional_concerns", "not_tenant_concerns",
            "organisations", "places", "facts"}
OPTIONAL_TOP_KEYS = {"attendees", "commitments"}
MEETING_KEYS = {"date", "type", "title", "organisation", "place", "participants"}
SECTION_KEYS = {"heading", "themes", "also", "speakers"}
SPEAKER_KEYS = {"name", "aliases", "role", "organisation", "kind"}
CONCERN_KEYS = {"quote", "categories", "kind", "raised_by"}
COMMITMENT_KEYS = {"quote", "by", "deadline"}
ATTENDEE_KEYS = {"present", "absent", "present_count"}

# Text that only OCR reads: page 2 of the 2018 sample is an image-only scan, and the extraction goldens
# are made with OCR off. These quotes and headings must be absent from the golden (else move them out
# of this list) and are checked against the OCR'd text where tesseract is installed.
OCR_ONLY_HEADINGS = {"2018-06-14_bewonersavond_vlietlanden": {"4. Actiepunten"}}
OCR_ONLY = {
    "2018-06-14_bewonersavond_vlietlanden": {
        "Woonbron Delta controleert de ventilatie in september.",
        "De commissie stuurt de lijst met schimmelmeldingen voor 1 juli naar de wijkconsulent.",
    },
}


def norm(text: str) -> str:
    """As the corpus scorers compare quotes: NFKC, no soft hyphens, case folded, straight quotes,
    a hyphen and the white space after it removed (hyphenated line ends), white space collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    text = re.sub(r"[-\u2010\u2011\u2012\u2013]\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def golden_blocks(name: str, running: bool = False) -> list[str]:
    """The normalised text of each block of the extraction golden (one `[kind pN] text` line each),
    with the running headers and footers too when `running`."""
    lines = (GOLDEN_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    skip = "flags|sentences" if running else "running|flags|sentences"
    return [norm(m.group(1)) for line in lines if (m := re.match(rf"\[(?!{skip})[^\]]*\] (.*)", line))]


def in_text(name: str, quote: str, blocks: list[str]) -> bool:
    q = norm(quote)
    return bool(q) and any(q in b for b in blocks)


def one_sentence(quote: str) -> bool:
    """No sentence end inside the quote (a full stop, ! or ? followed by a capital)."""
    return re.search(r"[.!?] +[A-Z]", quote.strip()[:-1]) is None


@pytest.fixture(scope="module", params=NAMES)
def sample(request):
    name = request.param
    gold = json.loads((GOLD_DIR / f"{name}.gold.json").read_text(encoding="utf-8"))
    return name, gold, golden_blocks(name)


def people_names(gold: dict) -> set[str]:
    return {n for s in gold["speakers"] for n in [s["name"], *s["aliases"]]}


def quotes_of(gold: dict) -> list[tuple[str, str]]:
    out = [("concern", c["quote"]) for c in gold["concerns"] + gold["optional_concerns"]]
    out += [("not_tenant_concern", q if isinstance(q, str) else q["quote"]) for q in gold["not_tenant_concerns"]]
    out += [("commitment", c["quote"]) for c in gold.get("commitments") or []]
    out += [("fact", f["quote"]) for f in gold["facts"]]
    return out


def test_every_sample_has_gold_and_every_gold_its_pdf_and_golden():
    assert len(GOLDS) == 12, [p.name for p in GOLDS]
    for name in NAMES:
        assert (PDF_DIR / f"{name}.pdf").exists() and (GOLDEN_DIR / f"{name}.txt").exists(), name
    assert {p.stem for p in PDF_DIR.glob("*.pdf")} == set(NAMES)


def test_vocabularies_are_the_models_own():
    from models.annotations import CONCERN_KINDS as MODEL_CONCERN_KINDS
    from models.annotations import SPEAKER_KINDS as MODEL_SPEAKER_KINDS
    from models.themes import REFERENCE_KEYS, load_taxonomy

    assert set(REFERENCE_KEYS) == THEME_KEYS
    assert set(MODEL_SPEAKER_KINDS) == SPEAKER_KINDS and set(MODEL_CONCERN_KINDS) == CONCERN_KINDS
    assert {t.key for t in load_taxonomy("taxonomy.v1").themes} <= THEME_KEYS  # the shipped taxonomy maps onto them


def test_schema_keys(sample):
    name, gold, _ = sample
    assert TOP_KEYS <= set(gold) <= TOP_KEYS | OPTIONAL_TOP_KEYS, set(gold) ^ TOP_KEYS
    assert gold["file"] == f"{name}.pdf"
    assert set(gold["meeting"]) == MEETING_KEYS
    assert all(set(s) == SECTION_KEYS for s in gold["sections"])
    assert all(set(s) == SPEAKER_KEYS for s in gold["speakers"])
    assert all(set(c) == CONCERN_KEYS for c in gold["concerns"] + gold["optional_concerns"])
    assert all({"quote", "by"} <= set(c) <= COMMITMENT_KEYS for c in gold.get("commitments") or [])  # deadline only when stated
    if "attendees" in gold:
        assert set(gold["attendees"]) == ATTENDEE_KEYS
    assert all({"quote", "value", "unit"} <= set(f) <= {"quote", "value", "unit", "year"} for f in gold["facts"])


def test_meeting(sample):
    name, gold, blocks = sample
    m = gold["meeting"]
    date, kind = name.split("_")[:2]
    assert m["date"] == date and dt.date.fromisoformat(m["date"])
    assert m["type"] == kind
    assert m["participants"] is None or (isinstance(m["participants"], int) and m["participants"] > 0)
    for key in ("title", "organisation"):
        assert isinstance(m[key], str) and m[key].strip()
    assert in_text(name, m["organisation"], golden_blocks(name, running=True)), m["organisation"]
    assert all(in_text(name, part, blocks) for part in m["place"].split(", ")), m["place"]


def test_sections_and_themes(sample):
    name, gold, blocks = sample
    sections = gold["sections"]
    assert sections and sections[0]["heading"] is None  # the text before the first heading
    assert all(s["heading"] for s in sections[1:])
    for s in sections[1:]:
        if s["heading"] in OCR_ONLY_HEADINGS.get(name, ()):
            assert not in_text(name, s["heading"], blocks), f"{s['heading']!r} is in the golden now"
            continue
        assert in_text(name, s["heading"], blocks), s["heading"]
    speakers = people_names(gold)
    for s in sections:
        assert set(s["themes"]) <= THEME_KEYS and set(s["also"]) <= THEME_KEYS, s
        assert not set(s["themes"]) & set(s["also"]), s
        assert set(s["speakers"]) <= speakers, s


def test_speakers(sample):
    name, gold, blocks = sample
    canon = [s["name"] for s in gold["speakers"]]
    assert len(canon) == len(set(canon))
    for s in gold["speakers"]:
        assert s["kind"] in SPEAKER_KINDS, s
        assert s["role"] is None or isinstance(s["role"], str)
        assert s["organisation"] is None or isinstance(s["organisation"], str)
        assert any(in_text(name, n, blocks) for n in [s["name"], *s["aliases"]]), s["name"]
    aliases = [a for s in gold["speakers"] for a in [s["name"], *s["aliases"]]]
    assert len(aliases) == len(set(aliases)), "a name or alias given to two speakers"


def test_concerns(sample):
    name, gold, _ = sample
    people = people_names(gold)
    for c in gold["concerns"] + gold["optional_concerns"]:
        assert c["categories"] and set(c["categories"]) <= THEME_KEYS, c
        assert c["kind"] in CONCERN_KINDS, c
        assert c["raised_by"] in RAISED_BY or c["raised_by"] in people, c
    quotes = [norm(c["quote"]) for c in gold["concerns"] + gold["optional_concerns"]]
    assert len(quotes) == len(set(quotes))


def test_commitments_and_attendees(sample):
    name, gold, blocks = sample
    by_ok = people_names(gold) | set(gold["organisations"])
    for c in gold.get("commitments") or []:
        assert c["by"] in by_ok, c
        assert c.get("deadline") is None or dt.date.fromisoformat(c["deadline"]), c
    if "attendees" in gold:
        a = gold["attendees"]
        assert a["present"], "an attendee list without anyone present"
        for person in a["present"] + a["absent"]:
            assert in_text(name, person, blocks), person
        assert a["present_count"] is None or a["present_count"] >= 1
        assert a["present_count"] in (None, gold["meeting"]["participants"])


def test_every_quote_is_in_one_sentence_of_the_golden_text(sample):
    name, gold, blocks = sample
    ocr_only = OCR_ONLY.get(name, set())
    for what, quote in quotes_of(gold):
        assert one_sentence(quote), (what, quote)
        if quote in ocr_only:
            assert not in_text(name, quote, blocks), f"{quote!r} is in the golden now: take it off OCR_ONLY"
            continue
        assert in_text(name, quote, blocks), (what, quote)
    with_running = golden_blocks(name, running=True)
    for place in gold["places"]:
        assert in_text(name, place, with_running), place
    for org in gold["organisations"]:  # a normalised name ("gemeente Helmond" for "de gemeente" in Helmond)
        assert in_text(name, org, with_running) or all(in_text(name, w, with_running) for w in org.split()), org


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize("name", sorted(set(OCR_ONLY) | set(OCR_ONLY_HEADINGS)))
def test_ocr_only_quotes_are_in_the_ocr_text(name):
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings

    doc = document_from_pdf(str(PDF_DIR / f"{name}.pdf"), ExtractSettings(ocr=True))
    sentences = [norm(s.text) for s in doc.sentences]
    for quote in OCR_ONLY.get(name, ()):
        assert any(norm(quote) in s for s in sentences), quote
    loose = lambda text: re.sub(r"\W+", "", norm(text))  # noqa: E731  OCR reads "4. " as "4, "
    for heading in OCR_ONLY_HEADINGS.get(name, ()):
        assert loose(heading) in loose(doc.text), heading


def test_concern_groups_cover_every_gold_concern_once():
    groups = json.loads(GROUPS.read_text(encoding="utf-8"))
    assert sorted(groups["documents"]) == sorted(f"{n}.pdf" for n in NAMES)
    ids = [g["id"] for g in groups["groups"]]
    assert len(ids) == len(set(ids))
    assert all(g["label"] and g["scope"] and g["members"] for g in groups["groups"])
    members = [(m["file"], m["quote"]) for g in groups["groups"] for m in g["members"]]
    concerns = [(f"{n}.pdf", c["quote"]) for n in NAMES
                for c in json.loads((GOLD_DIR / f"{n}.gold.json").read_text(encoding="utf-8"))["concerns"]]
    assert len(members) == len(set(members)), "a concern in two groups"
    assert sorted(members) == sorted(concerns)
