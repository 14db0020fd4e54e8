"""Discovered topics per year and concern clusters across meetings: deterministic, small fixtures."""
from models.topics import discover_topics

TEXTS = {
    2020: ["De schimmel in de badkamer komt steeds terug.", "Schimmel en vocht in de badkamer van de flat.",
           "Bewoners klagen over schimmel op de muren.", "De servicekosten voor de schoonmaak zijn te hoog.",
           "De schoonmaak van het trappenhuis is slecht, de servicekosten stijgen."],
    2021: ["Parkeerplaatsen staan vol met busjes.", "Het parkeren in de straat is een probleem.",
           "Schimmel in de badkamer is nog niet opgelost.", "Parkeren bij de flat kan bijna niet meer."],
}


def test_topics_have_terms_per_year_and_are_deterministic():
    a = discover_topics(TEXTS, n_topics=3, seed=0)
    assert a == discover_topics(TEXTS, n_topics=3, seed=0)
    assert {(t, y) for t, y, _, _ in a} == {(t, y) for t in range(3) for y in (2020, 2021)}
    for year in (2020, 2021):
        assert abs(sum(w for _, y, _, w in a if y == year) - 1.0) < 0.01
    terms = {term for _, _, top, _ in a for term in top}
    assert {"schimmel", "parkeren"} <= terms
    assert not terms & {"de", "het", "een", "van"}  # Dutch stopwords


def test_topics_of_too_little_text():
    assert discover_topics({2020: ["de"]}) == []
    assert discover_topics({}) == []
