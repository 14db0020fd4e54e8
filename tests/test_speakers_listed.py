"""Speakers from attendee lists in groups, people only listed or only mentioned, and the host of an
overleg. Invented reports (no corpus text)."""
from dataclasses import replace

import pytest

from extract.metadata import meeting_of, overleg_host
from devdoc import document_from_markup
from models.nlp import blank_dutch
from models.speakers import speakers_in

GROUPS = """@header: Periodiek overleg De Vaart - Woonstichting Lindestad

# Verslag periodiek overleg 4 april 2024

Aanwezig: Lotte Vink (voorzitter), Henk Span en Aylin Kaya (De Vaart); Evert Ros, Mila Borg (Woonstichting Lindestad)

Afwezig: Joris Wamel (Woonstichting Lindestad)

## 1. Opening

Lotte Vink opent het overleg. Henk Span vraagt naar de planning van de schilderbeurt. Evert Ros antwoordt dat die in juni begint. Volgens Wamel is het budget rond. Aylin Kaya zegt dat de bewoners dat graag horen. Ros neemt het dossier over van Kees Dijkman, die met pensioen is.

## 2. Actiepunten

1. Planning schilderwerk naar de bewoners sturen (Borg, mei 2024)
"""

ALL_OF = """# Verslag overleg 9 oktober 2024

Aanwezig: Rik Paauw (voorzitter), Noor Haddou (allen Bewonerscommissie Kruidenhof), Bas Wit (opzichter), Fleur Dam (allen Woonstichting Lindestad)

## 1. Lift

Noor Haddou meldt dat de lift vaak stilstaat. Bas Wit zegt dat de monteur volgende week komt. Rik Paauw sluit het overleg.
"""


def with_meeting(doc):
    return replace(doc, meeting=meeting_of(doc))  # as extract.pdf.document_from_pdf builds it


@pytest.fixture(scope="module")
def groups():
    doc = with_meeting(document_from_markup(GROUPS, path="2024-04-04_overleg.pdf"))
    return doc, {s.name: s for s in speakers_in(doc, blank_dutch())}


def test_the_organisation_ending_a_group_belongs_to_each_member(groups):
    _, found = groups
    assert found["Lotte Vink"].kind == "chair"
    assert found["Henk Span"].organisation == "De Vaart"
    assert found["Henk Span"].kind == found["Aylin Kaya"].kind == "tenant_representative"
    assert found["Evert Ros"].organisation == "Woonstichting Lindestad"
    assert found["Evert Ros"].kind == "housing_corporation"


def test_listed_absent_listed_only_and_only_mentioned_people_are_no_speakers(groups):
    _, found = groups
    assert "Joris Wamel" not in found  # absent, even though "volgens Wamel" reports what he thinks
    assert "Mila Borg" not in found  # present, but named only in the list and on an action item
    assert "Kees Dijkman" not in found  # only mentioned, as the object of "van"
    assert set(found) == {"Lotte Vink", "Henk Span", "Aylin Kaya", "Evert Ros"}


def test_the_host_of_an_overleg_is_the_party_that_is_not_the_landlord(groups):
    doc, _ = groups
    assert doc.meeting.organisation == "De Vaart"


def test_allen_gives_the_organisation_to_the_run_of_names_before_it():
    doc = with_meeting(document_from_markup(ALL_OF, path="2024-10-09_overleg.pdf"))
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert found["Noor Haddou"].organisation == "Bewonerscommissie Kruidenhof"
    assert found["Noor Haddou"].kind == "tenant_representative"
    assert found["Bas Wit"].organisation == "Woonstichting Lindestad"
    assert found["Bas Wit"].kind == "housing_corporation"
    assert found["Rik Paauw"].kind == "chair"


@pytest.mark.parametrize("lines, host", [
    (("Periodiek overleg De Vaart - Woonstichting Lindestad",), "De Vaart"),
    (("Woonstichting Lindestad en De Vaart: overleg",), None),
    (("De Vaart - verslag periodiek overleg met Lindestad",), "De Vaart"),
    (("Overleg Gemeente Zandaal en Huurdersplatform Zandaal",), "Huurdersplatform Zandaal"),
    (("Verslag van de bewonersavond",), None),
])
def test_overleg_host(lines, host):
    assert overleg_host(lines) == host


NAMENS = """# Verslag bewonersbijeenkomst 2 juni 2024

Aanwezig: Wendy Kooistra (voorzitter), Pim Elzinga (secretaris)

Namens Woonstichting Lindestad waren Ruben Aalders (projectleider) en Ilse Stolwijk aanwezig, namens Zorgcentrum De Linde Gert Huizing (wijkverpleegkundige).

## 1. Renovatie

De voorzitter opent de bijeenkomst. Ruben Aalders vertelt over de planning. Ilse Stolwijk zegt dat de steigers in juli komen. Gert Huizing vraagt aandacht voor ouderen die slecht ter been zijn. Pim Elzinga sluit af.
"""


def test_organisation_from_the_last_namens_and_the_chair_who_speaks_as_de_voorzitter():
    doc = with_meeting(document_from_markup(NAMENS, path="2024-06-02_bewonersbijeenkomst.pdf"))
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert found["Wendy Kooistra"].kind == "chair"  # named only in the list, speaks as "De voorzitter"
    assert found["Ruben Aalders"].organisation == found["Ilse Stolwijk"].organisation == "Woonstichting Lindestad"
    assert found["Ruben Aalders"].kind == found["Ilse Stolwijk"].kind == "housing_corporation"
    assert found["Gert Huizing"].organisation == "Zorgcentrum De Linde"
    assert found["Gert Huizing"].kind == "care_organisation"


OUTSIDE = """# Besluitenlijst procedurevergadering 3 maart 2021

Aanwezig: J.K. Brouwer, mevrouw Tilmans

## 1. Brief

De voorhangbrief van de staatssecretaris wordt besproken. Mevrouw Tilmans stelt voor de brief te agenderen. Common Ground blijft het uitgangspunt voor de architectuur. Brouwer zegt dat de commissie een rondetafel wil.
"""


def test_tenants_need_residents_and_names_need_evidence_of_a_person():
    doc = with_meeting(document_from_markup(OUTSIDE, path="2021-03-03_procedurevergadering.pdf"))
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert "Common Ground" not in found  # no first name, title, list entry or speech: no person
    assert found["Tilmans"].kind != "tenant"  # "mevrouw" alone in a text without residents
    assert "J.K. Brouwer" in found


ONE_OFF = """# Verslag bewonersavond 3 mei 2024

## 1. Lift

Mevrouw Ria Smeets (bewoonster) klaagt over de lift. Smeetz zegt dat ze al drie keer heeft gebeld. Jan Kroeze (opzichter) antwoordt dat de monteur komt. Kroese zegt toe te bellen.
"""


def test_a_surname_one_letter_off_is_an_alias_not_a_second_person():
    found = {s.name: s for s in speakers_in(document_from_markup(ONE_OFF, path="x.pdf"), blank_dutch())}
    assert set(found) == {"Ria Smeets", "Jan Kroeze"}
    assert "Smeetz" in found["Ria Smeets"].aliases and "Kroese" in found["Jan Kroeze"].aliases
    assert found["Ria Smeets"].kind == "tenant"  # her role says resident, whatever the rest of the text says


@pytest.mark.parametrize("after, org, place", [
    (" (Wonen aan de Vecht) zegt", "Wonen aan de Vecht", None),
    (" (allen Samen aan de Vecht) vraagt", "Samen aan de Vecht", None),
    (" (Kievitshof 41) klaagt", None, "Kievitshof"),
])
def test_organisation_names_with_particles_in_parentheses(after, org, place):
    from models.speakers_context import load_rules
    from models.speakers_cues import after_name
    cue = after_name("Mila Borg" + after, len("Mila Borg"), load_rules())[0]
    assert (cue.role, cue.org, cue.place) == (None, org, place)


COLLEAGUES = """@header: Bewonersgroep Molenkwartier - verslag overleg met Stadshaven

# Overleg 7 november 2024

Aanwezig: Roel Brink (voorzitter), Fenna Bos, Omar Said (allen Bewonersgroep Molenkwartier), Lars Wiegman (opzichter), Nadia Pool (allen Stadshaven)

## 1. Gevels

Roel Brink opent het overleg. Fenna Bos vraagt wanneer de gevels worden gereinigd. Lars Wiegman zegt dat dat in maart gebeurt. Nadia Pool vult aan dat de bewoners een brief krijgen. Omar Said vindt dat te laat.
"""


def test_kind_from_colleagues_of_one_organisation_and_the_landlords_counterpart():
    doc = with_meeting(document_from_markup(COLLEAGUES, path="2024-11-07_overleg.pdf"))
    found = {s.name: s for s in speakers_in(doc, blank_dutch())}
    assert found["Lars Wiegman"].kind == "housing_corporation"  # opzichter
    assert found["Nadia Pool"].kind == "housing_corporation"  # her colleague's organisation
    assert found["Fenna Bos"].kind == found["Omar Said"].kind == "tenant_representative"
