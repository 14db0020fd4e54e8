"""Attendee lists in several shapes, on small literal Dutch documents."""
from extract.attendees import attendees_of
from extract.document import BLOCK_SEPARATOR, BBox, Block, Document, Page


def doc_of(*texts):
    out, pos = [], 0
    for i, text in enumerate(texts):
        out.append(Block("paragraph", text, i + 1, BBox(72, 72, 500, 90), pos, pos + len(text)))
        pos += len(text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(texts)
    return Document("b" * 64, "x.pdf", text, tuple(Page(i + 1, 595, 842, 1) for i in range(len(texts))), tuple(out))


def people(doc):
    found, count = attendees_of(doc)
    return [(a.name, a.organisation, a.role, a.status) for a in found], count


def test_prose_list_with_roles_namens_and_absent_count():
    doc = doc_of("Aanwezig: 23 leden volgens de presentielijst, het bestuur: Karin Smit (voorzitter), "
                 "Ahmed Yilmaz (penningmeester) en namens Woonstichting Noord mevr. Els de Wit "
                 "(wijkconsulent). Afwezig met kennisgeving: Piet Bos, Joke Mulder.")
    found, count = people(doc)
    assert count == 23
    assert found == [
        ("Karin Smit", None, "voorzitter", "present"),
        ("Ahmed Yilmaz", None, "penningmeester", "present"),
        ("Els de Wit", "Woonstichting Noord", "wijkconsulent", "present"),
        ("Piet Bos", None, None, "absent"),
        ("Joke Mulder", None, None, "absent"),
    ]


def test_one_per_line_with_comma_and_parenthesised_organisation():
    doc = doc_of("Aanwezigen\nJan van der Berg, Gemeente Almelo (vz)\nFatma Kaya (Huurdersraad)\n"
                 "- Tom Jansen - Woonzorg\n1 Opening")
    found, _ = people(doc)
    assert found == [
        ("Jan van der Berg", "Gemeente Almelo", "vz", "present"),
        ("Fatma Kaya", "Huurdersraad", None, "present"),
        ("Tom Jansen", "Woonzorg", None, "present"),
    ]


def test_name_followed_by_organisation_without_punctuation():
    doc = doc_of("Deelnemers aan het overleg:\nGert Jan van de Kooij Kadaster\nSanne Bakker RIVM\n\nAgenda")
    found, _ = people(doc)
    assert found == [("Gert Jan van de Kooij", "Kadaster", None, "present"),
                     ("Sanne Bakker", "RIVM", None, "present")]


def test_two_column_table_rows():
    doc = doc_of("Deelnemers Leden Departement Leden Departement\nAd Visser VNG Mieke de Boer Kadaster\n"
                 "Rob Lint Gemeente Den Haag Eva Smit Logius\n1 Opening")
    found, _ = people(doc)
    assert [(n, o) for n, o, _, _ in found] == [("Ad Visser", "VNG"), ("Mieke de Boer", "Kadaster"),
                                                ("Rob Lint", "Gemeente Den Haag"), ("Eva Smit", "Logius")]


def test_verhinderd_and_notulist_labels():
    doc = doc_of("Verhinderd: Bram Dekker, Lotte Hendriks", "Notulist: Sara Vos")
    found, _ = people(doc)
    assert found == [("Bram Dekker", None, None, "absent"), ("Lotte Hendriks", None, None, "absent"),
                     ("Sara Vos", None, "notulist", "present")]


def test_offsets_and_pages_point_at_the_names():
    doc = doc_of("Inleiding zonder namen.", "Aanwezig: Karin Smit, Ahmed Yilmaz")
    found, _ = attendees_of(doc)
    for a in found:
        assert doc.text[a.start:a.end] == a.name
        assert a.page == 2


def test_prose_without_label_and_role_words_without_colon_are_no_list():
    doc = doc_of("Voorzitter Karin Smit opent de vergadering. De secretaris leest de notulen voor.")
    assert attendees_of(doc) == ((), None)


def test_label_alone_in_its_block_then_one_cell_per_block():
    doc = doc_of("Deelnemers", "Leden", "Departement", "Ad Visser", "Mieke de Boer", "1 Opening")
    found, _ = people(doc)
    assert [n for n, _, _, _ in found] == ["Ad Visser", "Mieke de Boer"]


def test_name_organisation_chain_set_as_one_paragraph():
    doc = doc_of("Aanwezig", "Jan Smit, Logius (vz) Els van Dam, RIVM Piet Ax, Gemeente Ede", "1. Opening")
    found, _ = people(doc)
    assert found == [("Jan Smit", "Logius", "vz", "present"), ("Els van Dam", "RIVM", None, "present"),
                     ("Piet Ax", "Gemeente Ede", None, "present")]


def test_roster_of_column_pairs_is_no_presence_list_and_count_in_parentheses():
    doc = doc_of("Deelnemers Leden Organisatie Leden Organisatie\nKoen Dirks Waterschap Roos Alma Provincie\n"
                 "Olaf Brink Stadsbeheer Nina Kalf Bibliotheek\nAanwezig:\n(3 personen) Koen Dirks (Waterschap)(vz), "
                 "Nina Kalf (Bibliotheek), Wouter Plas (notulist)(Stadsbeheer).")
    found, count = people(doc)
    assert count == 3
    assert [(n, s) for n, _, _, s in found if s == "member"] == [
        ("Koen Dirks", "member"), ("Roos Alma", "member"), ("Olaf Brink", "member"), ("Nina Kalf", "member")]
    assert [(n, o, r) for n, o, r, s in found if s == "present"] == [
        ("Koen Dirks", "Waterschap", "vz"), ("Nina Kalf", "Bibliotheek", None), ("Wouter Plas", "Stadsbeheer", "notulist")]


def test_roster_header_set_one_cell_per_line():
    doc = doc_of("Deelnemers", "Leden", "Organisatie", "Leden", "Organisatie", "Koen Dirks Waterschap Roos Alma Provincie",
                 "Aanwezig: Roos Alma, Koen Dirks")
    found, _ = people(doc)
    assert [n for n, _, _, s in found if s == "present"] == ["Roos Alma", "Koen Dirks"]
    assert {s for n, _, _, s in found if n == "Olaf Brink" or s != "present"} <= {"member"}


def test_lost_opening_parenthesis_does_not_swallow_the_rest_of_the_list():
    doc = doc_of("Aanwezig: Kees Bril Huurwijzer.nl), Tom Lap (Stadsdeel), Ilona Rutte (Waterschap)")
    found, _ = people(doc)
    assert [(n, o) for n, o, _, _ in found] == [("Kees Bril", "Huurwijzer.nl"), ("Tom Lap", "Stadsdeel"),
                                              ("Ilona Rutte", "Waterschap")]


def test_first_names_only_list_ends_with_its_sentence():
    doc = doc_of("Aanwezig: Ruben, Sanne, Thijs, Mirte. Begintijd 1930 - 2100 3 3\n\n1 Opening")
    found, _ = people(doc)
    assert [n for n, _, _, _ in found] == ["Ruben", "Sanne", "Thijs", "Mirte"]


def test_abbreviation_inside_parentheses_does_not_end_the_list():
    doc = doc_of("Aanwezig: Bart Kip (gem. Utrecht), Lies Hoek (prov. Gelderland). Het overleg begint om tien uur.")
    found, _ = people(doc)
    assert [n for n, _, _, _ in found] == ["Bart Kip", "Lies Hoek"]


def test_names_one_per_block_end_at_an_item_number_or_a_sentence():
    doc = doc_of("Deelnemers:", "Frits Hoorn", "Anouk van Wijk", "Stijn de Laat", "Kennismaking", "2",
                 "Stand van zaken rond de nieuwe richtlijnen, de planning en de vragen van de deelnemers uit de regio")
    found, _ = people(doc)
    assert [n for n, _, _, _ in found] == ["Frits Hoorn", "Anouk van Wijk", "Stijn de Laat"]


def test_absent_labels_with_any_reason():
    doc = doc_of("Afwezig met annulering: Bart Kip, Lies Hoek", "Afwezig (danwel met bericht): Tom Lap",
                 "Afwezigen wegens ziekte: Eva Smit")
    found, _ = people(doc)
    assert [(n, s) for n, _, _, s in found] == [("Bart Kip", "absent"), ("Lies Hoek", "absent"),
                                              ("Tom Lap", "absent"), ("Eva Smit", "absent")]
