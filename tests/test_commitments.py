"""Commitments (toezeggingen, actiepunten) with who and when, on tiny Dutch fixtures."""
from models.annotations import Attribution, Speaker
from models.commitments import commitments_in, deadline_of, load_rules
from devdoc import document_from_markup

RULES = load_rules()
SPEAKERS = (Speaker("piet bos", "Piet Bos", ("Bos",), kind="housing_corporation"),
            Speaker("els kok", "Els Kok", ("Kok",), kind="chair"))


def run(markup, attributed=None):
    doc = document_from_markup(markup)
    atts = tuple(Attribution(s.index, (attributed or {}).get(s.index), "section") for s in doc.sentences)
    return commitments_in(doc, SPEAKERS, atts)


def test_promises_with_by_and_deadline():
    found = run("Bos zegt toe dat de lift nog deze week wordt gerepareerd. Kok neemt de vraag mee naar het overleg in maart. "
                "Piet Bos zei dat Woonhaven voor 1 maart alle kozijnen gaat controleren.")
    assert [(c.by, c.deadline) for c in found] == [
        ("piet bos", "nog deze week"), ("els kok", "in maart"), ("piet bos", "voor 1 maart")]


def test_passive_repair_counts_only_when_someone_is_reported_saying_it():
    (c,) = run("Bos zegt dat de verlichting in de hal wordt vervangen. De verlichting wordt vervangen.")
    assert c.quote.startswith("Bos zegt")


def test_past_plans_and_answers_are_not_commitments():
    assert run("Bos vertelde dat de woningen vorig jaar zijn geïsoleerd. Kok antwoordt dat het advies niet bindend is. "
               "Het bestuur heeft dit bij de verhuurder neergelegd. Bos heeft eerder toegezegd te bellen.") == ()


def test_present_tense_action_needs_a_named_subject():
    found = run("Kok stuurt de notulen naar alle leden. De verhuurder stuurt op leefbaarheid. Hanzeborg pakt elk jaar 400 woningen aan.")
    assert [c.by for c in found] == ["els kok"]


def test_every_item_of_an_action_list_with_attributed_by():
    found = run("""## Actiepunten

- Bos: offerte schilderwerk opvragen
- Kok: nieuwsbrief voor 1 december rondsturen

## Conclusies

- de huur mag niet stijgen""")
    assert [(c.by, c.deadline) for c in found] == [("piet bos", None), ("els kok", "voor 1 december")]


def test_deadline_phrases():
    assert deadline_of("Dat gebeurt binnen twee weken.", RULES) == "binnen twee weken"
    assert deadline_of("Hij komt er in het eerstvolgende overleg op terug.", RULES) == "in het eerstvolgende overleg"
    assert deadline_of("Dat is geregeld.", RULES) is None


def test_action_points_as_bullet_paragraphs_and_after_a_lead_in_line():
    found = run("""## Verslag

De volgende afspraken zijn gemaakt:

- Kok belt de aannemer

Daarna was er koffie.

- de lift blijft een probleem

## Afspraken

Bos regelt een schouw in mei.""")
    assert [(c.quote, c.by) for c in found] == [("Kok belt de aannemer", "els kok"), ("Bos regelt een schouw in mei.", "piet bos")]


def test_notulen_style_action_and_agreement_lines():
    found = run("Actie: Kok stuurt de notulen rond. Afgesproken wordt dat de werkgroep in juni een schouw loopt. "
                "Bos gaat na of de lift onder de garantie valt. Het verslag werd voorgelezen.")
    assert [c.by for c in found] == ["els kok", None, "piet bos"]
    assert found[1].deadline == "in juni"


def test_past_and_reported_promises_but_not_earlier_ones_or_questions():
    found = run("Bos zegde toe de offerte te sturen. De corporatie heeft beloofd dat de ramen worden vervangen. "
                "Bos heeft eerder toegezegd te bellen. Is de toezegging over de ramen nagekomen?")
    assert [(c.quote[:10], c.by) for c in found] == [("Bos zegde ", "piet bos"), ("De corpora", "De corporatie")]


def test_plain_future_and_offers_with_an_actor():
    found = run("De opzichter komt voor 1 april langs. De gemeente laat uitzoeken of de boom weg mag. "
                "Woonhaven biedt bewoners hulp aan bij het inpakken. De lift is oud.")
    assert [(c.by, c.deadline) for c in found] == [("De opzichter", "voor 1 april"), ("De gemeente", None),
                                                   ("Woonhaven", None)]


def test_anaphora_makes_the_sentence_before_the_promise():
    (c,) = run("De bewoners willen een extra container bij de flat. Bos zegt dat toe.")
    assert (c.quote, c.by) == ("De bewoners willen een extra container bij de flat. Bos zegt dat toe.", "piet bos")
    assert c.span.text == c.quote


def test_header_lines_boxes_and_status_reports_are_no_commitments():
    found = run("""Aanwezig: Els Kok, Piet Bos

!box W: Belangrijke data | 1 april: start van de werkzaamheden

## Actiepunten

- Actiepunt 3 (lift): afgehandeld.
- Bos: planning sturen voor 1 mei""")
    assert [c.quote for c in found] == ["Bos: planning sturen voor 1 mei"]
