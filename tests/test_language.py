"""language_of: stopword profiles, no model."""
import pytest

from extract.language import language_of


@pytest.mark.parametrize("text, lang", [
    ("De huurdersraad heeft met de corporatie gesproken over de huurverhoging. Er is nog geen "
     "besluit, maar de leden willen dat het bestuur het advies op tijd indient.", "nl"),
    ("The committee discussed the budget and agreed that the report should be published before "
     "the next meeting of the council.", "en"),
    ("Der Mieterrat hat mit der Verwaltung über die Miete gesprochen, und es wurde noch nicht "
     "entschieden, ob die Erhöhung auch für die neuen Wohnungen gilt.", "de"),
    ("Le conseil des locataires a discuté avec le bailleur de la hausse des loyers et il n'est pas "
     "encore décidé pour les nouveaux logements dans le quartier.", "fr"),
])
def test_clear_languages(text, lang):
    assert language_of(text) == lang


def test_dutch_with_english_terms_stays_dutch():
    text = ("In de meeting is de roadmap voor de API design rules besproken. De feedback van het "
            "development team wordt in de backlog gezet en het issue over OAuth blijft open.")
    assert language_of(text) == "nl"


@pytest.mark.parametrize("text", ["", "12 34 56", "API OAuth REST", "de het"])
def test_too_little_text_is_undetermined(text):
    assert language_of(text) == "und"


def test_evenly_mixed_text_is_undetermined():
    nl = "de huurders hebben het niet over de kosten maar over de service van de corporatie"
    en = "the tenants are not talking about the costs but about the service of the landlord"
    assert language_of(nl + " " + en) == "und"
