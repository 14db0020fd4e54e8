"""One Dutch name vocabulary (extract/names_nl.py) for attendee lists, name finding and name comparison."""
from pathlib import Path

import pytest

from extract import names_nl
from extract.attendees import _split_name_org
from models.names import split_name, strip_title
from warehouse import persons

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("title", names_nl.HONORIFICS)
def test_every_honorific_is_stripped_by_the_name_comparison(title):
    assert strip_title(f"{title} Verbrugge") == "Verbrugge"


@pytest.mark.parametrize("title", ["mevr.", "dhr.", "de heer", "ir."])
def test_attendee_lists_strip_the_same_honorifics(title):
    assert _split_name_org(f"{title} Lot Verbrugge (Waterschap)")[:2] == ("Lot Verbrugge", "Waterschap")


def test_abbreviated_particles_belong_to_the_name_in_lists_only():
    assert _split_name_org("Linda vd Brink Kadaster")[:2] == ("Linda vd Brink", "Kadaster")
    assert split_name("Bob te Riele") == ("bob", "te", "riele")
    assert names_nl.ABBREVIATED_PARTICLES.isdisjoint(names_nl.LOOSE_PARTICLE_WORDS)


def test_the_warehouse_imports_the_name_comparison_plainly():
    src = (ROOT / "warehouse" / "persons.py").read_text(encoding="utf-8")
    assert "__import__" not in src
    from models.names import same_person
    assert persons._same_person_function() is same_person
