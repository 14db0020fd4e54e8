"""Action-table rows in threads: status marks, keys to the marks, numbered items as one unit (invented text)."""
from __future__ import annotations

from models.thread_cues import asks, is_legend, row_mark
from models.thread_units import units_merged
from models.threads import Unit


def test_row_marks_give_the_status():
    assert row_mark("0711/02 Bewonersbrief opstellen Bestuur G") == ("G", "done")
    assert row_mark("0711/03 Speeltoestel laten keuren Gemeente X")[1] == "done"
    assert row_mark("0711/01 Offerte opvragen Kees O") == ("O", None)
    assert row_mark("0711/04 Hek verven Jan Afvoeren")[1] == "dropped"
    assert row_mark("0711/05 Brievenbussen vervangen Jan") == (None, None)


def test_a_key_to_the_marks_is_no_mention_and_a_web_address_asks_nothing():
    assert is_legend("Status O=open/G=gereed") and not is_legend("De huur gaat omhoog = slecht nieuws")
    assert not asks("0711/06 Zie de lijst op https://voorbeeld.nl/lijst?q=open Kees O")
    assert asks("Wanneer komt de brief?")


def test_a_numbered_item_of_several_sentences_is_one_unit():
    a = Unit(0, 1, 0, 30, "0711/02 Bewonersbrief opstellen.", "list_item", "Actielijst", block=4)
    b = Unit(1, 1, 31, 50, "Eerst afstemmen. Bestuur G", "list_item", "Actielijst", block=4)
    c = Unit(2, 1, 52, 70, "Losse zin erna.", "paragraph", "Actielijst", block=5)
    got = units_merged([a, b, c])
    assert [u.text for u in got] == ["0711/02 Bewonersbrief opstellen. Eerst afstemmen. Bestuur G", "Losse zin erna."]
    assert (got[0].start, got[0].end) == (0, 50)
