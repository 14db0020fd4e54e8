"""Date parsing and the choice of the meeting date, on small literal Dutch texts."""
from hypothesis import given, settings, strategies as st
import datetime as dt

import pytest

from extract.dates import (choose_meeting_date, date_in_filename, date_in_pdf_metadata,
                           date_mentions, iso_of, parse_date)


@pytest.mark.parametrize("text, iso", [
    ("14 oktober 2019", "2019-10-14"),
    ("maandag 14 oktober 2019", "2019-10-14"),
    ("Maandag 14 Oktober 2019", "2019-10-14"),
    ("14 okt. 2019", "2019-10-14"),
    ("3 mrt 2022", "2022-03-03"),
    ("4-9-2025", "2025-09-04"),
    ("04-09-2025", "2025-09-04"),
    ("4/9/2025", "2025-09-04"),
    ("2025-09-04", "2025-09-04"),
    ("Vergaderdatum en tijd 2 september 2025", "2025-09-02"),
    ("op 27juli2020 om tien uur", "2020-07-27"),  # OCR glued the words
    ("Verslag Overleg 24-4 -2020", "2020-04-24"),
    ("1e mei 2021", "2021-05-01"),
    ("September 15, 2023", "2023-09-15"),
    ("Fri Sep 15 13:16:05 CEST 2023", "2023-09-15"),
])
def test_parse_date_forms(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31 februari 2020", "32-1-2020", "2020-13-01", "versie 1.0", "", "in 2019"])
def test_impossible_or_missing_dates_give_none(text):
    assert parse_date(text) is None


def test_year_less_mentions_are_kept_without_iso():
    (m,) = date_mentions("Op dinsdagavond 28 september kwamen de bewoners bijeen.")
    assert m.iso is None and m.month_day == (9, 28) and m.weekday


@pytest.mark.parametrize("name, iso", [
    ("2022-03-03_bewonersavond.pdf", "2022-03-03"),
    ("verslag_2024_4_25_overleg.pdf", "2024-04-25"),
    ("klankbord_20240606_v1_0.pdf", "2024-06-06"),
    ("Agenda_overleg_27_mei_2021.pdf", "2021-05-27"),
    ("notulen.pdf", None),
])
def test_date_in_filename(name, iso):
    assert date_in_filename(name) == iso


def test_date_in_pdf_metadata():
    assert date_in_pdf_metadata((("CreationDate", "D:20230919140604+02'00'"),)) == "2023-09-19"
    assert date_in_pdf_metadata((("ModDate", "D:20231301"),)) is None
    assert date_in_pdf_metadata(()) is None


def test_labelled_meeting_date_beats_document_date():
    text = "Datum\n1-11-2024\nKenmerk\nVerslag overleg\nVergaderdatum en tijd 24 oktober 2024\n11:00 uur"
    assert choose_meeting_date(text) == ("2024-10-24", "text")


def test_previous_minutes_date_is_not_the_meeting_date():
    text = ("Notulen van de ledenvergadering van de Huurdersvereniging Zonnehoek, gehouden op "
            "woensdag 6 maart 2019 in de recreatiezaal. De notulen van de vergadering van "
            "12 december 2018 worden ongewijzigd vastgesteld.")
    assert choose_meeting_date(text) == ("2019-03-06", "text")


def test_previous_minutes_listed_first_still_loses_to_weekday_date():
    text = ("Den Haag, 5 mei 2010\nBesluitenlijst van de vergadering van dinsdag 4 mei 2010\n"
            "1. Besluitenlijst van de vergadering van 20 april 2010: vastgesteld.")
    assert choose_meeting_date(text)[0] == "2010-05-04"


def test_deadlines_and_versions_lose():
    text = ("Versie 2, 12-3-2024. De bewonerscommissie kwam bijeen op donderdag 7 maart 2024. "
            "Reacties graag uiterlijk 1 april 2024 naar het secretariaat.")
    assert choose_meeting_date(text)[0] == "2024-03-07"


def test_date_in_title_wins():
    text = "Verslag bewonersavond 3 maart 2022\n\nDe huur gaat per 1 juli 2022 omhoog."
    assert choose_meeting_date(text, title_span=(0, 34)) == ("2022-03-03", "text")


def test_year_less_date_takes_the_year_from_the_file_name():
    text = "Vergaderdatum 21 september, 15.45 uur"
    assert choose_meeting_date(text, filename="agenda_2020-09-21.pdf") == ("2020-09-21", "text")


def test_fallbacks_filename_then_pdf_metadata():
    assert choose_meeting_date("geen datum hier", filename="2021-01-05_notulen.pdf") == ("2021-01-05", "filename")
    meta = (("CreationDate", "D:20230919140604"),)
    assert choose_meeting_date("geen datum", filename="x.pdf", pdf_metadata=meta) == ("2023-09-19", "pdf_metadata")
    assert choose_meeting_date("", filename="x.pdf") == (None, None)


def test_running_footer_naming_the_meeting_is_used():
    headers = ("Versie 3 12-3-2024", "Verslag themabijeenkomst 21 juni 2018")
    assert choose_meeting_date("Tekst zonder datum.", running_headers=headers) == ("2018-06-21", "text")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-/. mei juli oktober maandag 2019 2020")), max_size=60))
def test_parsing_never_raises_and_gives_valid_iso(text):
    iso = parse_date(text)
    if iso is not None:
        assert dt.date.fromisoformat(iso).isoformat() == iso
    for m in date_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.iso is None or dt.date.fromisoformat(m.iso)


@given(st.integers(-10, 10000), st.integers(-5, 20), st.integers(-5, 40))
def test_iso_of_only_accepts_real_dates(y, m, d):
    iso = iso_of(y, m, d)
    if iso is not None:
        assert dt.date.fromisoformat(iso) == dt.date(y, m, d)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(text):
    iso, source = choose_meeting_date(text, filename=text[:30])
    assert (iso is None) == (source is None)
    if iso:
        dt.date.fromisoformat(iso)


def test_next_meeting_date_loses():
    text = ("Datum: 14 oktober 2019\nVerslag van het overleg.\n"
            "Datum volgende vergadering: 5 december 2019.")
    assert choose_meeting_date(text)[0] == "2019-10-14"
    text = "Het overleg vond plaats op maandag 3 juni 2024. De volgende vergadering is op 1 juli 2024."
    assert choose_meeting_date(text)[0] == "2024-06-03"


def test_label_and_value_in_separate_blocks():
    text = "Datum\n\n11-7-2024\n\nKenmerk\n\nVergaderdatum en tijd\n\n9 juli 2024\n\n10:00-11:15 uur"
    assert choose_meeting_date(text) == ("2024-07-09", "text")
