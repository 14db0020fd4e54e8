"""Speakers: names, aliases, misspellings, roles, organisations and kinds from report-like text."""

import pytest

from devdoc import document_from_markup
from models.names import load_name_lists, normalise, same_person, split_name
from models.nlp import blank_dutch
from models.speakers import speakers_in

REPORT = """@header: Huurdersvereniging De Eendracht

# Verslag ledenvergadering 12 maart 2023

Verslag van de ledenvergadering van Huurdersvereniging De Eendracht. Aanwezig: Karin Smeets (voorzitter), Pieter van der Wal (penningmeester), dhr. Johan Meulenbelt (kascommissie) en namens Woonstichting Rivierenland mevr. Anouk Verhoef (wijkconsulent).

## 1. Opening

De voorzitter opent de vergadering. Smeets meldt dat er geen ingekomen stukken zijn.

## Ahmed el Idrissi, wethouder Wonen gemeente Tiel

Ahmed el Idrissi vertelt over de woonvisie. Volgens El Idrissi moeten er meer sociale huurwoningen komen.

## Sanne de Groot (beleidsmedewerker wonen) en Tom Hendriks (projectleider) Woonstichting Rivierenland

Sanne de Groot legt de plannen uit. Hendriks antwoordt dat de renovatie in mei begint.

## 2. Rondvraag

Mevr. Greet Pauwels (Lindelaan 12) klaagt over tocht in de woonkamer. Mevr. Verhof zegt toe dat de opzichter langskomt. Een bewoonster vraagt wanneer de lift wordt vervangen. Pieter van de Wal vraagt of de begroting klopt; Van der Wal antwoordt dat dat zo is.
"""


@pytest.fixture(scope="module")
def speakers():
    doc = document_from_markup(REPORT, path="2023-03-12_ledenvergadering.pdf")
    return {s.name: s for s in speakers_in(doc, blank_dutch())}


def test_every_named_person_is_found_once(speakers):
    assert set(speakers) == {"Karin Smeets", "Pieter van der Wal", "Johan Meulenbelt", "Anouk Verhoef",
                             "Ahmed el Idrissi", "Sanne de Groot", "Tom Hendriks", "Greet Pauwels"}


def test_aliases_cover_surname_titles_and_misspellings(speakers):
    assert "Smeets" in speakers["Karin Smeets"].aliases
    assert "Verhof" in speakers["Anouk Verhoef"].aliases  # misspelt surname
    assert {"Pieter van de Wal", "Van der Wal"} <= set(speakers["Pieter van der Wal"].aliases)
    assert "El Idrissi" in speakers["Ahmed el Idrissi"].aliases  # particle written with a capital


@pytest.mark.parametrize("name,kind,role,org", [
    ("Karin Smeets", "chair", "voorzitter", "Huurdersvereniging De Eendracht"),
    ("Pieter van der Wal", "tenant_representative", "penningmeester", "Huurdersvereniging De Eendracht"),
    ("Johan Meulenbelt", "tenant", "kascommissie", "Huurdersvereniging De Eendracht"),
    ("Anouk Verhoef", "housing_corporation", "wijkconsulent", "Woonstichting Rivierenland"),
    ("Ahmed el Idrissi", "politician", "wethouder Wonen", "gemeente Tiel"),
    ("Sanne de Groot", "housing_corporation", "beleidsmedewerker wonen", "Woonstichting Rivierenland"),
    ("Tom Hendriks", "housing_corporation", "projectleider", "Woonstichting Rivierenland"),
    ("Greet Pauwels", "tenant", "huurder Lindelaan", "Huurdersvereniging De Eendracht"),
])
def test_kind_role_and_organisation_from_cues(speakers, name, kind, role, org):
    s = speakers[name]
    assert (s.kind, s.role, s.organisation) == (kind, role, org)


def test_tenants_are_private_officials_are_not(speakers):
    assert speakers["Greet Pauwels"].private and speakers["Johan Meulenbelt"].private
    assert not speakers["Anouk Verhoef"].private and not speakers["Ahmed el Idrissi"].private


def test_mentions_point_into_the_text(speakers):
    doc = document_from_markup(REPORT)
    for s in speakers.values():
        for m in s.mentions:
            assert doc.text[m.start:m.end] == m.text and m.page >= 1


def test_anonymous_voices_are_not_people(speakers):
    assert not any("bewoonster" in n.casefold() for n in speakers)


@pytest.mark.parametrize("a,b,same", [
    ("Ries van den Bogaard", "Ries van de Boogaart", True),
    ("mevr. Tijhuis", "Marjan Tijhuis", True),
    ("Thijhuis", "Marjan Tijhuis", True),
    ("Oosterhoff", "Dennis Oosterhof", True),
    ("Ter Horst", "Bennie ter Horst", True),
    ("Bram", "Bram de Rooij", False),  # a first name alone is resolved within a report, not across
    ("Nijhuis", "Tijhuis", False),
    ("Jan Jansen", "Piet Jansen", False),
    ("Gerard Nijhuis", "Marjan Tijhuis", False),
])
def test_same_person(a, b, same):
    assert (same_person(a, b) >= 0.88) is same
    assert same_person(a, b) == same_person(b, a)


def test_normalise_and_split():
    assert normalise("Mevr. Dinie  Hofstede") == "dinie hofstede"
    assert split_name("Fatima el Amrani") == ("fatima", "el", "amrani")
    assert split_name("ter Horst") == ("", "ter", "horst")


def test_name_lists_come_from_deduce():
    lists = load_name_lists()
    assert lists.is_first_name("Grietje") and lists.is_surname("Jansen")
    assert not lists.is_first_name("Door")  # a listed name that is nearly always a word


from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.sampled_from(["Jan", "de", "Vries", "mevr.", "Tijhuis", "zegt", "van", "der", "Wal", "(wijkconsulent)",
                          "Een", "bewoner", "klaagt", ".", ",", "Portaal", "Wethouder", "Bram", "el", "Amrani", "en"])


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_mentions_stay_inside_the_text(words):
    doc = document_from_markup(" ".join(words))
    for s in speakers_in(doc, None):
        for m in s.mentions:
            assert 0 <= m.start < m.end <= len(doc.text) and doc.text[m.start:m.end] == m.text


@given(st.text(max_size=30), st.text(max_size=30))
def test_same_person_is_a_symmetric_score(a, b):
    assert 0.0 <= same_person(a, b) <= 1.0
    assert same_person(a, b) == same_person(b, a)
    assert normalise(normalise(a)) == normalise(a)


SHARED_SURNAME = """# Verslag ledenvergadering 2 juni 2022

Aanwezig: Ruud Hoekstra (regiomanager Woonstichting Eemland), Anton Kraaijeveld (penningmeester). Afwezig: Kees Post.

## 1. Huurverhoging

De heer Hoekstra vertelt over de huurverhoging van de minister van Financiën. Hoekstra legt uit dat huurders bezwaar kunnen maken.

## 2. Kascommissie

Marja Hoekstra van de kascommissie heeft de boeken gecontroleerd.

## 3. Rondvraag

Peter Dijkhuizen vindt de tuin slecht onderhouden.
"""


def test_same_surname_two_people_absent_and_floor_speakers():
    doc = document_from_markup(SHARED_SURNAME)
    people = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert set(people) == {"Ruud Hoekstra", "Anton Kraaijeveld", "Marja Hoekstra", "Peter Dijkhuizen"}
    ruud = people["Ruud Hoekstra"]
    assert len(ruud.mentions) == 3  # "Ruud Hoekstra", "De heer Hoekstra ..." and "Hoekstra legt uit" (nearest)
    assert (ruud.kind, ruud.organisation) == ("housing_corporation", "Woonstichting Eemland")
    assert (people["Marja Hoekstra"].role, people["Marja Hoekstra"].kind) == ("lid kascommissie", "tenant")
    assert people["Peter Dijkhuizen"].kind == "tenant"  # no cue, but speaks in the Rondvraag


def test_a_first_name_alone_speaks_only_as_subject_of_a_saying_verb():
    doc = document_from_markup("# Verslag koffieochtend\n\n## Gesprek\n\nBram vertelt dat de lift weer kapot is. "
                               "Mei is een drukke maand. Door de verbouwing is de hal dicht.")
    assert [s.name for s in speakers_in(doc, blank_dutch())] == ["Bram"]
