"""Sentence attribution, sections and the annotate pipeline on small report-like documents."""
import re
import pytest

from models.annotations import to_gold_json
from models.attribution import anonymous_voice, attribute
from devdoc import document_from_markup
from models.nlp import blank_dutch
from models.pipeline import annotate, sections_of
from models.settings import TagSettings
from models.speakers import speakers_in

REPORT = """# Verslag bewonersbijeenkomst 4 april 2024

Op 4 april kwamen 30 bewoners bijeen. Voorzitter Lotte Bosman leidde de avond.

## Joost Vermeulen, opzichter Woonstichting Kempenland

Joost Vermeulen vertelt over de planning. Het dak wordt in juni vervangen. Volgens Vermeulen duurt het drie weken.

## Vragen

Een bewoonster klaagt over schimmel in de badkamer. Zij heeft dat al drie keer gemeld. Meerdere aanwezigen maken zich zorgen over de huurverhoging. Bosman antwoordt dat de huurdersvereniging hierover advies geeft. Waarom duurt het zo lang, vraagt een aanwezige?
"""


@pytest.fixture(scope="module")
def doc():
    return document_from_markup(REPORT, path="2024-04-04_bewonersbijeenkomst.pdf")


@pytest.fixture(scope="module")
def nlp():
    return blank_dutch()


@pytest.mark.parametrize("sentence,voice", [
    ("Een bewoner klaagt over de lift.", "tenant"),
    ("Een oudere bewoonster vreest dat de huur stijgt.", "tenant"),
    ("Een lid vraagt of de contributie omhoog gaat.", "tenant"),
    ("Veel bewoners klagen over schimmel.", "floor"),
    ("Ook werd gevraagd wie de kosten betaalt.", "floor"),
    ("Iemand vraagt waarom de flats later aan de beurt zijn.", "floor"),
    ("Hoe bouw je sociaal in rijke wijken, vraagt een aanwezige?", "floor"),
    ("De deelnemers vragen om een voorbeeldberekening.", "floor"),
    ("Vos antwoordde dat er wisselwoningen zijn.", None),
    ("De gemeente bouwt aan een inclusieve stad.", None),
])
def test_anonymous_voice(sentence, voice):
    assert anonymous_voice(sentence) == voice


def test_sections_start_with_the_text_before_the_first_heading(doc):
    secs = sections_of(doc)
    assert [h for h, _, _ in secs] == [None, "Joost Vermeulen, opzichter Woonstichting Kempenland", "Vragen"]
    assert secs[0][1] == 0 and secs[-1][2] == len(doc.text)
    assert all(a[2] == b[1] for a, b in zip(secs, secs[1:]))  # contiguous


def test_attribution_follows_headings_speech_and_voices(doc, nlp):
    speakers = speakers_in(doc, nlp)
    key = {s.name: s.key for s in speakers}
    atts = attribute(doc, speakers, sections_of(doc))
    said = {doc.sentences[a.sentence].text: (a.speaker, a.how) for a in atts}
    assert said["Voorzitter Lotte Bosman leidde de avond."] == (key["Lotte Bosman"], "reported_speech")
    assert said["Het dak wordt in juni vervangen."][0] == key["Joost Vermeulen"]
    assert said["Volgens Vermeulen duurt het drie weken."] == (key["Joost Vermeulen"], "reported_speech")
    assert said["Een bewoonster klaagt over schimmel in de badkamer."] == ("tenant", "anonymous")
    assert said["Zij heeft dat al drie keer gemeld."][0] == "tenant"  # the same voice goes on
    assert said["Meerdere aanwezigen maken zich zorgen over de huurverhoging."] == ("floor", "anonymous")
    assert said["Bosman antwoordt dat de huurdersvereniging hierover advies geeft."][0] == key["Lotte Bosman"]
    assert said["Op 4 april kwamen 30 bewoners bijeen."][0] in (None, "floor")
    assert len(atts) == len(doc.sentences)


def test_annotate_gives_gold_format(doc, nlp):
    ann = annotate(doc, TagSettings(), nlp=nlp)
    out = to_gold_json(doc, ann)
    assert [s["heading"] for s in out["sections"]][0] is None
    names = {s["name"]: s for s in out["speakers"]}
    assert names["Joost Vermeulen"]["kind"] == "housing_corporation"
    assert names["Joost Vermeulen"]["organisation"] == "Woonstichting Kempenland"
    assert names["Lotte Bosman"]["kind"] == "chair"
    assert "Joost Vermeulen" in out["sections"][1]["speakers"]
    assert re.fullmatch(r"speakers\.rules\.v1\+[0-9a-f]{8}", dict(ann.versions)["speakers"])
    for a in ann.attributions:
        assert a.how in ("section", "reported_speech", "anonymous", "none")


def test_annotate_handles_an_empty_document(nlp):
    from extract.document import EXAMPLE_MINIMAL_DOCUMENT
    ann = annotate(EXAMPLE_MINIMAL_DOCUMENT, TagSettings(), nlp=nlp)
    assert ann.speakers == () and ann.attributions == () and len(ann.sections) == 1


def test_non_dutch_documents_are_not_tagged_with_dutch_rules():
    from dataclasses import replace

    from extract.document import EXAMPLE_FILLED_DOCUMENT
    from models.pipeline import annotate

    english = replace(EXAMPLE_FILLED_DOCUMENT, language="en")
    ann = annotate(english)
    assert ann.concerns == () and ann.speakers == () and len(ann.sections) >= 1
    assert dict(ann.versions)["skipped"].startswith("language en")
    assert annotate(EXAMPLE_FILLED_DOCUMENT).concerns  # the same text, in Dutch, is tagged
