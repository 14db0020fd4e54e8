"""meeting_of on small literal Dutch documents: type, title, organisation, place, participants."""
import pytest

from extract.document import BLOCK_SEPARATOR, BBox, Block, Document, Page
from extract.metadata import clean_title, meeting_of, meeting_type, participants_of, place_of


def doc_of(*blocks, path="verslag.pdf", headers=(), pdf_metadata=()):
    """A Document from (kind, text) pairs, offsets as the extractor sets them."""
    out, pos = [], 0
    for kind, text in blocks:
        out.append(Block(kind, text, 1, BBox(72, 72, 500, 90), pos, pos + len(text), level=1 if kind == "title" else 0))
        pos += len(text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(t for _, t in blocks)
    return Document("a" * 64, path, text, (Page(1, 595, 842, len(text)),), tuple(out),
                    running_headers=tuple(headers), pdf_metadata=tuple(pdf_metadata))


def test_report_with_title_header_venue_and_count():
    doc = doc_of(
        ("title", "Verslag bewonersavond 3 maart 2022"),
        ("paragraph", "Op donderdagavond 3 maart kwamen 52 bewoners van de Rozenhof bijeen in "
                      "wijkcentrum De Klaproos. Namens Woonbron waren twee medewerkers aanwezig."),
        ("heading", "Schimmel"),
        ("paragraph", "De vorige bewonersavond was op 4 november 2021."),
        headers=("Bewonerscommissie Rozenhof-Oost", "Verslag bewonersavond 3 maart 2022"))
    m = meeting_of(doc)
    assert (m.date, m.date_source, m.type) == ("2022-03-03", "text", "bewonersavond")
    assert m.title == "bewonersavond"
    assert m.organisation == "Bewonerscommissie Rozenhof-Oost"
    assert m.place == "De Klaproos"
    assert m.participants == 52


def test_topic_title_and_organisation_from_the_opening():
    doc = doc_of(
        ("title", "Themabijeenkomst 9 mei 2023: betaalbaar wonen in de Vogelwijk"),
        ("paragraph", "Op dinsdag 9 mei 2023 organiseerde de Huurdersvereniging Groen Wonen een "
                      "themabijeenkomst te Deventer. Er waren ongeveer 60 deelnemers."))
    m = meeting_of(doc)
    assert m.type == "themabijeenkomst"
    assert m.title == "betaalbaar wonen in de Vogelwijk"
    assert m.organisation == "Huurdersvereniging Groen Wonen"
    assert m.place == "Deventer"
    assert m.participants == 60


def test_date_falls_back_to_file_name_then_pdf_metadata():
    doc = doc_of(("paragraph", "Aanwezig: het bestuur."), path="/archief/2019-02-11_overleg.pdf")
    assert (meeting_of(doc).date, meeting_of(doc).date_source) == ("2019-02-11", "filename")
    doc = doc_of(("paragraph", "Geen datum."), path="x.pdf", pdf_metadata=(("CreationDate", "D:20200102"),))
    assert (meeting_of(doc).date, meeting_of(doc).date_source) == ("2020-01-02", "pdf_metadata")


def test_empty_document_gives_empty_meeting():
    m = meeting_of(doc_of(path="scan.pdf"))
    assert m.date is None and m.type is None and m.attendees == ()


@pytest.mark.parametrize("title, opening, filename, expected", [
    ("Notulen jaarvergadering 8 november 2012", "", "", "jaarvergadering"),
    ("Notulen algemene ledenvergadering", "", "", "ledenvergadering"),
    ("Verslag ALV 2020", "", "", "ledenvergadering"),
    ("", "Verslag van het overleg met de werkgroep onderhoud.", "", "overleg"),  # the one named first
    ("Besluitenlijst", "", "", "besluitenlijst"),
    ("", "", "2021_notulen_bestuur.pdf", "notulen"),
    ("Zomaar een titel", "Geen soort genoemd.", "bestand.pdf", None),
])
def test_meeting_type(title, opening, filename, expected):
    assert meeting_type(title, opening, filename) == expected


@pytest.mark.parametrize("title, mtype, expected", [
    ("Notulen jaarvergadering 8 november 2012", "jaarvergadering", "jaarvergadering"),
    ("Themabijeenkomst 14 oktober 2019 gemengde wijken", "themabijeenkomst", "gemengde wijken"),
    ("Servicekosten: wat merkt de huurder?", "themabijeenkomst", "Servicekosten: wat merkt de huurder?"),
    ("Verslag van de bewonersavond van maandag 2 mei 2022", "bewonersavond", "bewonersavond"),
])
def test_clean_title(title, mtype, expected):
    assert clean_title(title, mtype) == expected


@pytest.mark.parametrize("text, expected", [
    ("Er waren 34 deelnemers uit 15 complexen.", 34),
    ("Aanwezig: 41 leden volgens de presentielijst.", 41),
    ("Die avond kwamen 27 bewoners naar het buurthuis.", 27),
    ("Er waren twintig huurders aanwezig.", 20),
    ("Afwezig met kennisgeving: 6 leden. De wijk telt 468 woningen.", None),
    ("Zaal Oranje 4.049\nDeelnemers\nJan Jansen", None),
])
def test_participants(text, expected):
    assert participants_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Vergaderplaats Stadhuis, zaal 3\nAanwezig", "Stadhuis, zaal 3"),
    ("gehouden in buurthuis Het Klooster te Zwolle", "Het Klooster"),
    ("vergadering te Hengelo, aanvang 20.00 uur", "Hengelo"),
    ("Locatie: online via Teams", "online via Teams"),
    ("De gemeente Utrecht en de corporatie vertelden", "Utrecht"),
    ("geen plaats genoemd", None),
])
def test_place(text, expected):
    assert place_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ruim 50 bewoners bezochten de avond.", 50),
    ("Er waren deze keer 18 leden aanwezig.", 18),
    ("Aanwezig waren 30 huurders uit de wijk.", 30),
    ("Locatie: De Ontmoeting. Opkomst: 22 bewoners.", 22),
    ("Aantal aanwezigen: 25", 25),
    ("Er waren een paar bewoners en twaalf huurders aanwezig.", 12),
])
def test_participants_more_phrasings(text, expected):
    assert participants_of(text) == expected


def test_venue_named_by_article_and_tenant_org_with_t():
    assert place_of("De bewoners kwamen bijeen in De Schakel, naast de school.") == "De Schakel"
    doc = doc_of(("paragraph", "Verslag van de bewonerscommissie. Bewonerscommissie 't Hoekje vergaderde."))
    assert meeting_of(doc).organisation == "Bewonerscommissie 't Hoekje"


from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.sampled_from(["Aanwezig:", "Afwezig", "Jan", "de", "Vries", "(vz)", ",", "\n", "\n\n", "14",
                          "oktober", "2019", "4-9-2025", "Huurdersraad", "Noord", "te", "Zwolle", "Er",
                          "waren", "40", "deelnemers", "namens", "Verslag", "van", "notulen", "-", "."])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=25).map(" ".join), max_size=4))
def test_meeting_of_never_raises_and_offsets_stay_inside(paras):
    doc = doc_of(*[("paragraph", p) for p in paras])
    m = meeting_of(doc)
    assert m.date is None or len(m.date) == 10
    for a in m.attendees:
        assert 0 <= a.start <= a.end <= len(doc.text)
        assert a.status in ("present", "absent")


def test_a_numbered_heading_is_no_title():
    doc = doc_of(("heading", "1. Opening"), ("paragraph", "De voorzitter opent het overleg van 3 mei 2021."))
    m = meeting_of(doc)
    assert m.title == "overleg" and m.type == "overleg"


def test_flat_layout_takes_a_title_line_naming_the_meeting():
    doc = doc_of(("paragraph", "Huurdersraad Oost\nVerslag themabijeenkomst 2 juni 2021 over isolatie\n"
                               "Op woensdag 2 juni 2021 spraken 20 huurders over isolatie."))
    m = meeting_of(doc)
    assert (m.title, m.type, m.participants) == ("isolatie", "themabijeenkomst", 20)


@pytest.mark.parametrize("text, expected", [
    ("Aan de buurtwandeling namen zo'n vijfendertig huurders deel.", 35),
    ("Er waren tweeëntwintig bewoners in de zaal.", 22),
    ("Van de 140 aangeschreven huishoudens waren er 31 aanwezig.", 31),
    ("Ruim achttien belangstellenden kwamen naar de kantine.", 18),
])
def test_participants_in_compound_number_words_and_the_count_among_several(text, expected):
    assert participants_of(text) == expected


@pytest.mark.parametrize("title, expected", [
    ("Impressie van de wijkschouw in het Molenkwartier", "wijkschouw"),
    ("Verslag inloopavond groot onderhoud", "inloopavond"),
    ("Notities spreekuur huurdersvereniging", "spreekuur"),
    ("Klankbordgroep Stationsbuurt nieuwsbrief 3", "klankbordgroep"),
])
def test_meeting_types_of_neighbourhood_genres(title, expected):
    assert meeting_type(title, "", "") == expected


@pytest.mark.parametrize("title, mtype, expected", [
    ("Klankbordgroep Zuid", "klankbordgroep", "Klankbordgroep Zuid"),
    ("Wijkschouw Molenkwartier 12 mei 2023", "wijkschouw", "Wijkschouw Molenkwartier"),
    ("Contents", None, None),
    ("aanvang 19.30 uur", "overleg", None),
    ("Pagina 1 van 3", "overleg", None),
])
def test_a_lone_name_keeps_its_type_and_junk_is_no_title(title, mtype, expected):
    assert clean_title(title, mtype) == expected


def test_junk_title_falls_back_to_type_and_organisation():
    doc = doc_of(("title", "Inhoudsopgave"), ("paragraph", "Notulen van de klankbordgroep. De buurt is tevreden."),
                 headers=("Stichting Buurtbeheer Oosterpark",))
    m = meeting_of(doc)
    assert m.type == "klankbordgroep"
    assert m.title == "klankbordgroep Stichting Buurtbeheer Oosterpark"


def test_letterhead_is_the_organisation_not_the_organisations_of_attendees():
    doc = doc_of(("paragraph", "Waterbureau"), ("paragraph", "Verslag technisch overleg 3 mei 2024"),
                 ("paragraph", "Deelnemers Leden Organisatie Leden Organisatie\nKoen Dirks Gemeente Zandaal "
                               "Roos Alma Provincie Drenthe\nAanwezig: Koen Dirks, Roos Alma"),
                 ("paragraph", "Het overleg gaat over de nieuwe richtlijn."))
    assert meeting_of(doc).organisation == "Waterbureau"


def test_day_and_month_without_a_year_are_not_dated_by_a_file_saved_another_day():
    saved = (("CreationDate", "D:20190611"),)
    doc = doc_of(("title", "Werksessie buurtbudget 14 mei"), ("paragraph", "Er waren twaalf bewoners."),
                 pdf_metadata=saved)
    assert meeting_of(doc).date is None
    doc = doc_of(("title", "Werksessie buurtbudget 11 juni"), ("paragraph", "Er waren twaalf bewoners."),
                 pdf_metadata=saved)
    assert meeting_of(doc).date == "2019-06-11"


def test_a_written_consultation_has_no_meeting_date():
    doc = doc_of(("paragraph", "Verslag van een schriftelijk overleg"), ("paragraph", "Vastgesteld 3 maart 2022"),
                 ("paragraph", "De commissie heeft op 12 januari 2022 vragen voorgelegd aan de minister."))
    assert meeting_of(doc).date is None
