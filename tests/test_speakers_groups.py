"""Attendee lists whose groups end in "namens X" (or open with "Namens X:"), minute-takers who are only
listed, and people named only as the object of a preposition behind a title. Invented reports."""
from dataclasses import replace

import pytest

from devdoc import document_from_markup
from extract.attendees import attendees_of
from extract.metadata import meeting_of
from models.nlp import blank_dutch
from models.speakers import speakers_in

TRAILING = """@header: Huurdersvereniging Zonnehoek

# Verslag periodiek overleg 12 maart 2024

Huurdersvereniging Zonnehoek en Woonstichting Klaverveld, buurthuis De Linde, Tilburg.

Aanwezig: Marloes Kuipers (voorzitter), Dirk Hendriks (penningmeester) en Sanne Wittebol (bestuurslid) namens de vereniging; Peter Aalbers (manager verhuur), Ilse Brouwer (huurdersconsulent) en Kevin Smeltink (projectleider renovatie) namens Klaverveld. Notulen: Greet Mulder.

## 1. Opening

Marloes Kuipers opent het overleg. Dirk Hendriks vraagt wanneer de kozijnen worden geschilderd. Kevin Smeltink antwoordt dat de schilder in mei begint. Sanne Wittebol meldt dat de bewoners van de Eikstraat klagen over tocht. Ilse Brouwer zegt toe dat zij langsgaat. Peter Aalbers licht de huurverhoging toe.

## 2. Rondvraag

Het bestuur stuurt een brief aan wethouder Verhoeven over de bushalte. Op verzoek van mevrouw Jacobs wordt de bank bij de ingang teruggeplaatst.
"""

OPENS = """@header: Huurdersvereniging Zonnehoek

# Verslag periodiek overleg 9 oktober 2024

Huurdersvereniging Zonnehoek en Woonstichting Klaverveld, Tilburg.

Aanwezig namens de vereniging: Marloes Kuipers (voorzitter) en Dirk Hendriks (secretaris). Namens Klaverveld: Peter Aalbers (manager verhuur) en Ilse Brouwer (huurdersconsulent). Notulist: Greet Mulder.

## 1. Opening

Marloes Kuipers opent het overleg. Dirk Hendriks vraagt naar de planning. Peter Aalbers antwoordt dat die klaar is. Ilse Brouwer vult aan dat de bewoners een brief krijgen. Greet Mulder merkt op dat de brief ook in het Engels moet.
"""

ALL_OF = """# Verslag overleg 3 juni 2024

Aanwezig: Roos Pelt (voorzitter), Tim Aarts (secretaris), allen Bewonerscommissie Vlierhof; Joost Lammers (opzichter), Nadia Bakkali (wijkconsulent), allen Woonstichting Klaverveld. Verslag: Fenna Kok.

## 1. Lift

Tim Aarts meldt dat de lift stilstaat. Joost Lammers zegt dat de monteur komt. Nadia Bakkali vraagt om een lijst van de bewoners die hulp nodig hebben. Roos Pelt sluit het overleg.
"""


def _doc(markup, path):
    doc = document_from_markup(markup, path=path)
    return replace(doc, meeting=meeting_of(doc))  # as extract.pdf.document_from_pdf builds it


@pytest.fixture(scope="module")
def trailing():
    doc = _doc(TRAILING, "2024-03-12_overleg.pdf")
    return doc, {s.name: s for s in speakers_in(doc, blank_dutch())}


def test_a_trailing_namens_gives_its_organisation_to_every_member_of_the_group(trailing):
    doc, _ = trailing
    orgs = {a.name: a.organisation for a in attendees_of(doc)[0]}
    assert orgs["Marloes Kuipers"] == orgs["Dirk Hendriks"] == orgs["Sanne Wittebol"] == "de vereniging"
    assert orgs["Peter Aalbers"] == orgs["Ilse Brouwer"] == orgs["Kevin Smeltink"] == "Klaverveld"


def test_group_organisations_resolve_to_their_full_written_form_and_give_the_kind(trailing):
    _, found = trailing
    for name in ("Dirk Hendriks", "Sanne Wittebol"):
        assert found[name].organisation == "Huurdersvereniging Zonnehoek"
        assert found[name].kind == "tenant_representative"
    assert found["Marloes Kuipers"].kind == "chair"
    for name, role in (("Peter Aalbers", "manager verhuur"), ("Ilse Brouwer", "huurdersconsulent"),
                       ("Kevin Smeltink", "projectleider renovatie")):
        assert (found[name].role, found[name].organisation) == (role, "Woonstichting Klaverveld")
        assert found[name].kind == "housing_corporation"  # a consultant of the corporation too


def test_a_minute_taker_who_never_speaks_is_listed_but_no_speaker(trailing):
    doc, found = trailing
    listed = {a.name: a for a in attendees_of(doc)[0]}
    assert listed["Greet Mulder"].role == "notulist" and listed["Greet Mulder"].status == "present"
    assert "Greet Mulder" not in found and "Mulder" not in found


def test_people_named_only_behind_a_preposition_and_a_title_are_no_speakers(trailing):
    _, found = trailing
    assert not {"Verhoeven", "Jacobs"} & set(found)
    assert set(found) == {"Marloes Kuipers", "Dirk Hendriks", "Sanne Wittebol", "Peter Aalbers", "Ilse Brouwer",
                          "Kevin Smeltink"}


def test_a_sentence_opening_with_namens_starts_a_group_and_a_speaking_minute_taker_stays():
    doc = _doc(OPENS, "2024-10-09_overleg.pdf")
    orgs = {a.name: a.organisation for a in attendees_of(doc)[0]}
    assert orgs["Marloes Kuipers"] == orgs["Dirk Hendriks"] == "de vereniging"
    assert orgs["Peter Aalbers"] == orgs["Ilse Brouwer"] == "Klaverveld"
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert found["Dirk Hendriks"].organisation == "Huurdersvereniging Zonnehoek"
    assert found["Ilse Brouwer"].organisation == "Woonstichting Klaverveld"
    assert found["Ilse Brouwer"].kind == "housing_corporation"
    assert "Greet Mulder" in found  # listed as notulist, but she speaks
    assert found["Greet Mulder"].role == "notulist" and found["Greet Mulder"].kind == "other"


def test_a_comma_allen_chunk_closes_its_group():
    doc = _doc(ALL_OF, "2024-06-03_overleg.pdf")
    listed = {a.name: a for a in attendees_of(doc)[0]}
    assert listed["Roos Pelt"].organisation == listed["Tim Aarts"].organisation == "Bewonerscommissie Vlierhof"
    assert listed["Nadia Bakkali"].organisation == "Woonstichting Klaverveld"
    assert listed["Fenna Kok"].role == "notulist"
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert found["Nadia Bakkali"].kind == "housing_corporation"
    assert found["Tim Aarts"].kind == "tenant_representative"
    assert "Fenna Kok" not in found


DEEDS = """# Verslag overleg 5 september 2024

Aanwezig: Marloes Kuipers (voorzitter), Dirk Hendriks (secretaris), Sanne Wittebol (bestuurslid) en Hanna Vos (penningmeester); Peter Aalbers (manager verhuur), Woonstichting Klaverveld.

## 1. Opening

Marloes Kuipers opent het overleg. Dirk Hendriks heeft de ledenlijst bijgewerkt en de oude adressen verwijderd.

Sanne Wittebol heeft in juni gevraagd om een extra bankje bij de ingang. Peter Aalbers zegt dat het bankje er in oktober staat.

## 2. Kas

Hanna Vos heeft de jaarcijfers nagekeken. Zij meldt dat de kas klopt.
"""


def test_a_listed_person_who_only_did_something_reported_in_the_perfect_is_no_speaker():
    doc = _doc(DEEDS, "2024-09-05_overleg.pdf")
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert "Dirk Hendriks" not in found  # "heeft de ledenlijst bijgewerkt": a deed, not speech
    assert "Sanne Wittebol" in found  # "heeft gevraagd": speech in the perfect
    assert "Marloes Kuipers" in found and "Peter Aalbers" in found
    assert "Hanna Vos" in found  # a deed, and then she speaks ("Zij meldt")
