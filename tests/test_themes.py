"""Theme taxonomy and tagging on tiny Dutch literal fixtures."""
import json

import pytest

from devdoc import document_from_markup
from models.themes import REFERENCE_KEYS, load_taxonomy, section_themes, sentence_themes, term_pattern, text_themes

TAX = load_taxonomy("taxonomy.v1")


def test_shipped_taxonomy_covers_exactly_the_reference_keys():
    assert TAX.name == "taxonomy.v1"
    assert sorted({t.key for t in TAX.themes}) == sorted(REFERENCE_KEYS)


@pytest.mark.parametrize("text, key", [
    ("Zij heeft veel last van burenoverlast.", "overlast"),
    ("De geluidsoverlast van de bovenburen is erg.", "overlast"),
    ("Er zitten schimmelplekken in de badkamer.", "onderhoud"),
    ("De jaarafrekening kwam te laat.", "servicekosten"),
    ("De inkomensafhankelijke huurverhoging gaat door.", "betaalbaarheid"),
    ("Het complex wordt aardgasvrij gemaakt.", "duurzaamheid"),
])
def test_compounds_and_inflections_hit(text, key):
    assert key in text_themes(text, TAX)


def test_worry_verb_zorgen_is_not_the_theme_zorg():
    assert "zorg_en_welzijn" not in text_themes("Bewoners maken zich zorgen.", TAX)
    assert "zorg_en_welzijn" in text_themes("De zorg in de wijk schiet tekort.", TAX)


def test_term_pattern_matches_whole_words_only():
    assert term_pattern("lift").search("de lift staat stil")
    assert not term_pattern("lift").search("de liftdeur")
    assert term_pattern("gemengd* wonen").search("een gemengde-wonen project")  # a space also takes a hyphen
    assert term_pattern("gemengd* wonen").search("gemengde wijken wonen") is None
    assert term_pattern("gemengd* wonen").search("het gemengd wonen project")


MARKUP = """# Verslag bewonersavond

## Schimmel en vocht

Veel bewoners klagen over schimmel in de badkamer. Er is ook vocht in de slaapkamers.
De opzichter komt kijken en noemde terloops de huurtoeslag.

## Rondvraag

Een bewoner ergert zich aan het parkeren van busjes. Een ander vindt de parkeerplaatsen te krap.
"""


def sections(doc):
    heads = [b for b in doc.blocks if b.kind == "heading"]
    starts = [0] + [h.start for h in heads] + [len(doc.text)]
    return list(zip(starts, starts[1:]))


def test_section_themes_weigh_evidence_and_keep_the_main_subject():
    doc = document_from_markup(MARKUP)
    _, schimmel, rondvraag = sections(doc)
    tags = section_themes(doc, *schimmel, TAX)
    assert tags[0].theme == "onderhoud" and tags[0].score == 1.0
    assert "betaalbaarheid" not in [t.theme for t in tags]  # one weak brush is not what it is about
    assert [t.theme for t in section_themes(doc, *rondvraag, TAX)] == ["mobiliteit"]


def test_what_tenants_raise_weighs_more_than_what_is_mentioned():
    mentioned = document_from_markup("## Punt\n\nDe opzichter noemde de huurtoeslag. De lift is gerepareerd en de kozijnen ook.")
    raised = document_from_markup("## Punt\n\nEen bewoner vraagt naar de huurtoeslag. De lift is gerepareerd en de kozijnen ook.")
    assert "betaalbaarheid" not in [t.theme for t in section_themes(mentioned, 0, len(mentioned.text), TAX)]
    assert "betaalbaarheid" in [t.theme for t in section_themes(raised, 0, len(raised.text), TAX)]


def test_evidence_spans_point_at_the_words():
    doc = document_from_markup(MARKUP)
    tag = section_themes(doc, *sections(doc)[1], TAX)[0]
    assert tag.evidence and all(doc.text[e.start:e.end] == e.text for e in tag.evidence)
    assert any(e.text.lower() == "schimmel" for e in tag.evidence)


def test_sentence_themes_of_a_document_sentence():
    doc = document_from_markup(MARKUP)
    first = next(s for s in doc.sentences if doc.blocks[s.block].kind == "paragraph")
    assert sentence_themes(doc, first, TAX) == ("onderhoud",)


def test_user_taxonomy_with_sub_theme_maps_onto_reference_key(tmp_path):
    path = tmp_path / "mijn.json"
    path.write_text(json.dumps({"name": "mijn.v2", "themes": {
        "onderhoud": {"terms": ["kozijn*"], "sub_themes": {"lift": {"terms": ["liftstoring*"]}}},
        "hufterigheid": {"maps_to": "overlast", "terms": ["hufter*"]}}}))
    tax = load_taxonomy(str(path))
    assert tax.name == "mijn.v2"
    assert text_themes("Weer liftstoringen!", tax) == ("onderhoud",)
    assert text_themes("Wat een hufterig gedrag.", tax) == ("overlast",)


def test_user_taxonomy_with_unknown_key_is_refused(tmp_path):
    path = tmp_path / "fout.json"
    path.write_text(json.dumps({"themes": {"fietsen": {"terms": ["fiets"]}}}))
    with pytest.raises(ValueError, match="fietsen"):
        load_taxonomy(str(path))


def test_unknown_taxonomy_name_is_a_clear_error():
    assert load_taxonomy("taxonomy.v1.json").name == "taxonomy.v1"
    with pytest.raises(FileNotFoundError, match="taxonomy.v9"):
        load_taxonomy("taxonomy.v9")
