"""Organisations, places and facts with spans, on tiny Dutch fixtures."""
from devdoc import document_from_markup
from models.entities import facts_in, mentions_in

DOC = document_from_markup(
    "Op 3 maart kwamen 42 bewoners van de Merelstraat bijeen in buurthuis De Linde te Almelo. "
    "Namens Woonstichting Noorderhuis was Piet Oosterhof aanwezig, ook de gemeente Almelo en de Woonbond. "
    "De commissie verzamelde in 2021 in totaal 38 meldingen. De huur stijgt met € 12,50 per maand. "
    "Het tekort was ruim vier miljoen euro. Ongeveer 35% van de huurders doet mee; de vergadering begon om 19.30 uur.")


def test_organisations_and_places():
    found = {(m.label, m.text) for m in mentions_in(DOC)}
    assert {("organisation", "Woonstichting Noorderhuis"), ("organisation", "gemeente Almelo"),
            ("organisation", "Woonbond")} <= found
    assert {("place", "Merelstraat"), ("place", "De Linde"), ("place", "Almelo")} <= found
    assert ("place", "Oosterhof") not in found  # a person's surname, not a court


def test_mention_spans_index_the_document_text():
    for m in mentions_in(DOC):
        assert DOC.text[m.span.start:m.span.end] == m.text == m.span.text


def test_facts_with_unit_value_and_year():
    facts = {(f.value, f.unit, f.year) for f in facts_in(DOC)}
    assert (42, "bewoners", None) in facts
    assert (38, "meldingen", 2021) in facts
    assert (12.5, "euro per maand", None) in facts
    assert (4_000_000, "euro", None) in facts
    assert (35, "%", None) in facts
    assert not any(f.value in (3, 19.30, 2021) for f in facts_in(DOC))  # dates, times and years are no facts
    assert all(DOC.text[f.span.start:f.span.end] == f.quote for f in facts_in(DOC))
