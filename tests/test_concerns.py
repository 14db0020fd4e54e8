"""Tenant concerns on tiny Dutch literal fixtures: who raised it, negation, officials, categories."""
from extract.document import Span
from models.annotations import Attribution, Section, Speaker
from models.concerns import concerns_in, cue_kind, load_rules
from devdoc import document_from_markup
from models.themes import load_taxonomy, section_themes

TAX = load_taxonomy("taxonomy.v1")
RULES = load_rules()
SPEAKERS = (
    Speaker("anna de wit", "Anna de Wit", ("De Wit",), kind="tenant"),
    Speaker("piet bos", "Piet Bos", ("Bos",), role="wijkconsulent", organisation="Woonhaven", kind="housing_corporation"),
    Speaker("els kok", "Els Kok", ("Kok",), role="voorzitter", kind="chair"),
)


def run(markup, attributed=None):
    doc = document_from_markup(markup)
    heads = [b for b in doc.blocks if b.kind == "heading"]
    starts = [0] + [h.start for h in heads] + [len(doc.text)]
    secs = tuple(Section(i, (heads[i - 1].text if i else None), Span(doc.doc_id, 1, a, b, doc.text[a:b]),
                         section_themes(doc, a, b, TAX)) for i, (a, b) in enumerate(zip(starts, starts[1:])))
    atts = tuple(Attribution(s.index, _said(s, attributed or {}), "section") for s in doc.sentences)
    return concerns_in(doc, SPEAKERS, atts, secs, TAX)


def _said(sentence, attributed):
    """attributed: sentence index or the sentence's opening words -> speaker key."""
    return next((v for k, v in attributed.items()
                 if (k == sentence.index if isinstance(k, int) else sentence.text.startswith(k))), None)


def by_quote(concerns):
    return {c.quote: c for c in concerns}


def test_anonymous_tenant_group_and_named_tenant():
    found = by_quote(run("""## Onderhoud

Een bewoonster klaagt over lekkage in de keuken. Diverse bewoners maken zich zorgen over de huurverhoging. Mevrouw De Wit vraagt wanneer de kozijnen worden geschilderd."""))
    assert found["Een bewoonster klaagt over lekkage in de keuken."].raised_by == "tenant"
    assert found["Diverse bewoners maken zich zorgen over de huurverhoging."].raised_by == "floor"
    assert found["Diverse bewoners maken zich zorgen over de huurverhoging."].kind == "worry"
    named = found["Mevrouw De Wit vraagt wanneer de kozijnen worden geschilderd."]
    assert (named.raised_by, named.kind) == ("anna de wit", "question")


def test_official_statement_is_not_a_tenant_concern():
    found = run("""## Renovatie

Bos vreest dat de planning uitloopt. Volgens Bos klagen de aannemers over de materialen.""")
    assert found == ()


def test_official_problem_statement_attributed_to_official_is_no_concern():
    found = run("De verhuurderheffing is een zware last en daar maken wij ons zorgen over.", {0: "piet bos"})
    assert found == ()


def test_residents_reported_by_an_official():
    (c,) = run("Uit de gesprekken blijkt dat veel bewoners bang zijn voor hogere stookkosten.", {0: "piet bos"})
    assert c.raised_by == "residents_reported" and c.kind == "worry"


def test_solved_or_denied_problems_are_not_concerns():
    assert run("""## Rondvraag

Over de schoonmaak zijn geen klachten meer binnengekomen. De lekkage bij de bergingen is inmiddels verholpen. Een bewoner vertelt dat de storingen aan de lift voorbij zijn.""") == ()


def test_follow_up_sentence_of_a_complaint_inherits_the_raiser_until_an_official_answers():
    found = run("""## Rondvraag

Een bewoner klaagt over de buren. Zij ervaart veel overlast, ook 's nachts. Bos antwoordt dat hij een gesprek plant. Het probleem is niet nieuw.""")
    assert [c.quote for c in found] == ["Een bewoner klaagt over de buren.", "Zij ervaart veel overlast, ook 's nachts."]
    assert {c.raised_by for c in found} == {"tenant"}


def test_categories_from_sentence_else_from_section_main_theme():
    found = by_quote(run("""## Schimmel en vocht

Er is schimmel in veel badkamers en ook vocht op de muren. Een bewoner is het er niet mee eens."""))
    assert found["Een bewoner is het er niet mee eens."].categories == ("onderhoud",)
    assert found["Een bewoner is het er niet mee eens."].kind == "disagreement"


def test_question_mark_in_floor_section_and_condition():
    found = by_quote(run("""## Vragen uit de zaal

Hoe lang duurt de renovatie nog? Voor ons is het een voorwaarde dat de huur niet stijgt.""", {"Voor ons": "els kok"}))
    assert found["Hoe lang duurt de renovatie nog?"].raised_by == "floor"
    assert found["Voor ons is het een voorwaarde dat de huur niet stijgt."].raised_by == "els kok"
    assert "betaalbaarheid" in found["Voor ons is het een voorwaarde dat de huur niet stijgt."].categories


def test_chair_instructing_someone_is_not_a_concern():
    assert cue_kind("Els vraagt haar om dit schriftelijk te melden.", RULES) is None
    assert cue_kind("De deelnemers vragen de verhuurder om een overzicht te sturen.", RULES) == "request"


def test_spans_are_the_sentences():
    doc_concerns = run("Een huurder is ontevreden over de bereikbaarheid.")
    (c,) = doc_concerns
    assert c.span.text == c.quote and c.sentence == 0 and c.categories == ("communicatie",)


def test_reported_findings_need_residents_or_a_tenant_body():
    found = by_quote(run("""## Servicekosten

Uit de cijfers blijkt dat het aantal storingen niet is gedaald. De huurdersraad heeft signalen ontvangen dat de servicekosten zijn verdubbeld. Uit de enquête blijkt dat huurders de buurt niet kwijt willen.""", {"Uit de cijfers": "piet bos"}))
    assert "Uit de cijfers blijkt dat het aantal storingen niet is gedaald." not in found
    assert {c.raised_by for c in found.values()} == {"residents_reported"} and len(found) == 2


def test_tenant_body_speaks_through_its_chair():
    (c,) = run("De huurdersraad vreest dat starters nog langer moeten wachten.", {0: "piet bos"})
    assert (c.kind, c.raised_by) == ("worry", "els kok")


def test_official_quoted_at_the_end_is_not_a_tenant_voice():
    assert run("Bewoners hoeven zich geen zorgen te maken over de huur, aldus Bos. "
               "Bewoners klagen vaak onterecht, aldus Bos.") == ()


def test_line_breaks_and_soft_hyphens_from_pdfs_do_not_hide_cues():
    assert cue_kind("Een bewoner is het er\nniet mee eens.", RULES) == "disagreement"
    assert cue_kind("Bewoners maken zich zor\u00adgen over de lift.", RULES) == "worry"


def test_official_role_outweighs_a_tenant_kind_guess():
    wrong = (Speaker("tom veld", "Tom Veld", ("Veld",), role="huurdersconsulent", kind="tenant"),)
    doc = document_from_markup("Veld klaagt dat de aannemer te laat is.")
    atts = (Attribution(0, None, "none"),)
    assert concerns_in(doc, wrong, atts, (), TAX) == ()


def test_chair_running_the_meeting_asks_no_concern():
    for text in ("De voorzitter vraagt wie er in de werkgroep wil.", "Kok vraagt of iedereen akkoord is.",
                 "Kok vraagt de aanwezigen om hun telefoon uit te zetten."):
        assert cue_kind(text, RULES) is None, text


def test_follow_up_must_stay_on_the_subject_of_the_complaint():
    found = run("Een bewoner klaagt over schimmel in de badkamer. Het vocht komt steeds terug. "
                "Parkeren in de straat is lastig.")
    assert [c.quote for c in found] == ["Een bewoner klaagt over schimmel in de badkamer.",
                                        "Het vocht komt steeds terug."]


def test_named_residents_in_narrative_group_statements_and_conditions():
    found = by_quote(run("""## Huurbeleid

Mevrouw Yilmaz wees op de geluidsoverlast van de bovenburen. Diverse leden geven aan dat de huurverhoging te hoog is. De huurdersraad gaat alleen akkoord als de huren niet meer stijgen dan de inflatie. Een oudere bewoner durft niet meer alleen naar de berging."""))
    assert found["Mevrouw Yilmaz wees op de geluidsoverlast van de bovenburen."].raised_by == "tenant"
    assert found["Diverse leden geven aan dat de huurverhoging te hoog is."].raised_by == "floor"
    cond = found["De huurdersraad gaat alleen akkoord als de huren niet meer stijgen dan de inflatie."]
    assert (cond.kind, cond.raised_by) == ("condition", "els kok")  # the body speaks through its chair
    assert found["Een oudere bewoner durft niet meer alleen naar de berging."].kind == "worry"


def test_residents_worries_voiced_by_an_official():
    (c,) = run("Bos weet dat veel huurders last hebben van tocht langs de ramen.", {"Bos weet": "piet bos"})
    assert c.raised_by == "residents_reported"


def test_a_list_after_a_complaint_continues_it():
    found = by_quote(run("""## Huurverhoging

Els Kok vindt de huurverhoging onredelijk hoog.

- de huur is voor veel huishoudens niet op te brengen
- de lift wordt in mei vervangen

De vergadering gaat verder."""))
    assert found["de huur is voor veel huishoudens niet op te brengen"].raised_by == "els kok"
    assert "de lift wordt in mei vervangen" not in found and "De vergadering gaat verder." not in found


def test_a_speaker_of_unknown_kind_without_role_may_raise_a_concern_an_official_may_not():
    people = (Speaker("ria smit", "Ria Smit", ("Smit",), kind="other"),
              Speaker("jan mol", "Jan Mol", ("Mol",), organisation="Woonstichting Zuid", kind="other"))
    doc = document_from_markup("## Onderhoud\n\nRia Smit klaagt over tocht in de flat. Jan Mol klaagt over de aannemer.")
    atts = tuple(Attribution(s.index, None, "none") for s in doc.sentences)
    found = by_quote(concerns_in(doc, people, atts, (), TAX))
    assert found["Ria Smit klaagt over tocht in de flat."].raised_by == "ria smit"
    assert "Jan Mol klaagt over de aannemer." not in found
