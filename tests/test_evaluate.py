"""Metric functions, checked on hand-computed cases (the same rules as the corpus's reference scorer)."""
import pytest

from models.evaluate import (close, covers, norm_name, prf, raised_by_class, score_commitments, score_concerns,
                             score_doc, score_meeting, score_speakers, score_themes, summarise)


def test_prf_by_hand():
    assert prf(3, 4, 3, 6) == {"precision": 0.75, "recall": 0.5, "f1": 0.6}
    assert prf(0, 0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}  # nothing to find, nothing found
    assert prf(0, 0, 0, 2) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 3, 0, 0) == {"precision": 0.0, "recall": 1.0, "f1": 0.0}


def test_names_lose_titles_and_punctuation():
    assert norm_name("Mevr. Tijhuis") == "tijhuis"
    assert norm_name("Wethouder  Kees Diepeveen") == "kees diepeveen"
    assert norm_name("De Haan") == "de haan"  # a particle is no title


@pytest.mark.parametrize("pred,gold,ok", [
    ("huurder Kievitshof", "huurder Kievitshof", True),
    ("bestuurslid", "aftredend bestuurslid", True),      # 1 shared / min(1, 2) words
    ("lid", "aftredend bestuurslid", False),
    ("secretaris van het platform", "secretaris", True),  # "van", "het" do not count
    (None, "voorzitter", False),
    ("anything", None, True),                              # no gold value: nothing to disagree with
])
def test_close(pred, gold, ok):
    assert close(pred, gold) is ok


def test_speakers_one_to_one():
    gold = [{"name": "Marjan Tijhuis", "aliases": ["Tijhuis"], "kind": "housing_corporation", "role": "wijkconsulent",
             "organisation": "Woonstichting Oosterburcht"},
            {"name": "Gerard Nijhuis", "aliases": ["Nijhuis"], "kind": "chair", "role": "voorzitter",
             "organisation": "Bewonersorganisatie Noord"}]
    pred = [{"name": "mevr. Tijhuis", "kind": "housing_corporation", "role": "wijkconsulent", "organisation": "Oosterburcht"},
            {"name": "Tijhuis"},                                   # split: the gold person is already taken
            {"name": "Gerard Nijhuis", "aliases": ["Marjan Tijhuis"], "kind": "chair"},  # merged: hits two
            {"name": "Piet Puk"}]                                  # extra
    s = score_speakers(pred, gold)
    assert (s["tp"], s["tp_full"], s["n_pred"], s["n_gold"]) == (1, 1, 4, 2)
    assert s["missed"] == ["Gerard Nijhuis"] and s["extra"] == ["Piet Puk"]


def test_themes_precision_counts_also_recall_counts_themes():
    gold = [{"heading": None, "themes": []},
            {"heading": "2. Onderhoud", "themes": ["onderhoud", "veiligheid"], "also": ["communicatie"]}]
    pred = [{"heading": None, "themes": ["participatie"]},
            {"heading": "2 Onderhoud", "themes": ["onderhoud", "communicatie", "overlast"]},
            {"heading": "Iets anders", "themes": ["mobiliteit"]}]
    s = score_themes(pred, gold)
    # predicted 5; right: onderhoud + communicatie (also) = 2; recall: onderhoud = 1 of 2
    assert (s["tp_p"], s["n_pred"], s["tp_r"], s["n_gold"], s["sections_matched"]) == (2, 5, 1, 2, 2)


def test_covers():
    assert covers("Een bewoner klaagt over de lift, die vaak stilstaat.", "klaagt over de lift")
    assert covers("klaagt over de lift", "Een bewoner klaagt over de lift")  # 19 >= 0.6 * 31
    assert not covers("de lift", "Een bewoner klaagt over de lift")
    assert not covers("", "x")


def test_concerns_matching_optional_and_officials():
    gold = {"speakers": [{"name": "Harry Kortman", "aliases": ["Kortman"]}],
            "concerns": [{"quote": "Kortman klaagt over tocht", "categories": ["onderhoud"], "raised_by": "Harry Kortman"},
                         {"quote": "Een bewoonster is bang", "categories": ["betaalbaarheid"], "raised_by": "tenant"}],
            "optional_concerns": ["Het is koud in de hal"],
            "not_tenant_concerns": [{"quote": "De verhuurderheffing is een zware last"}]}
    pred = [{"quote": "Dhr. Kortman klaagt over tocht in de slaapkamer.", "categories": ["onderhoud"], "raised_by": "Kortman"},
            {"quote": "Een bewoonster is bang dat de huur stijgt.", "categories": ["overlast"], "raised_by": "floor"},
            {"quote": "Het is koud in de hal.", "raised_by": "tenant"},                # optional: ignored
            {"quote": "De verhuurderheffing is een zware last.", "raised_by": "tenant"}]  # official's: false positive
    s = score_concerns(pred, gold)
    assert (s["tp"], s["n_pred"], s["n_gold"], s["officials_as_tenants"]) == (2, 3, 2, 1)
    assert (s["category_agree"], s["raised_by_agree"], s["raised_by_strict"]) == (1, 2, 0)
    assert raised_by_class("Kortman", gold["speakers"]) == "person:harry kortman"


def test_meeting_and_commitments():
    m = score_meeting({"date": "2012-11-08", "type": "Jaarvergadering", "place": "wijkcentrum De Wilgenhof"},
                      {"date": "2012-11-08", "type": "jaarvergadering", "place": "De Wilgenhof", "title": None,
                       "participants": 41})
    assert m == {"date": True, "type": True, "place": True, "participants": False}
    c = score_commitments([{"quote": "Tijhuis zegt toe dat zij belt."}, {"quote": "x"}], [{"quote": "zegt toe dat zij belt"}])
    assert (c["tp"], c["n_pred"], c["n_gold"]) == (1, 2, 1)


def test_summarise_micro_averages_over_documents():
    gold = {"meeting": {"date": "2020-01-01"}, "speakers": [{"name": "A B"}, {"name": "C D"}], "sections": [],
            "concerns": []}
    d1 = score_doc({"meeting": {"date": "2020-01-01"}, "speakers": [{"name": "A B"}]}, gold)
    d2 = score_doc({"speakers": [{"name": "A B"}, {"name": "C D"}, {"name": "E F"}]}, gold)
    t = summarise({"d1": d1, "d2": d2})
    # speakers: tp 3, predicted 4, gold 4 -> P = R = 0.75
    assert t["speakers"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert t["meeting_fields_right"] == 0.5 and t["meeting_date_right"] == 1
    assert t["concerns"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0} and "commitments" not in t
