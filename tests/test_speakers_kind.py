"""The learned speaker kind: trained by one command from the gold, small JSON artefact, rules as a feature."""
import json

from models.speakers_context import load_rules
from models.speakers_kind import features, kind_from_words, load_model, train


def test_shipped_artefact_lists_its_data_and_its_leave_one_document_out_figures():
    model = load_model()
    assert model is not None and model["data"] and all(len(d["sha256"]) == 64 for d in model["data"])
    assert set(model["classes"]) >= {"politician", "housing_corporation", "tenant_representative"}
    assert model["leave_one_document_out"]["n"] > 0


def test_learned_kind_of_invented_roles():
    assert kind_from_words("wethouder duurzaamheid", "gemeente Zandaal")[0] == "politician"
    assert kind_from_words("opzichter", "Woonstichting Lindestad")[0] == "housing_corporation"


def test_features_carry_compound_endings_and_the_rule_kind():
    f = features("huurdersraadlid", None, load_rules())
    assert "r$:raadlid" in f and "rule:tenant_representative" in f and "o:none" in f


def test_training_without_the_shared_corpus_uses_the_repository_gold(tmp_path):
    out = tmp_path / "m.json"
    model = train(None, out)
    assert json.loads(out.read_text())["data"] == model["data"]
    assert all(not d["file"].startswith("../shared") for d in model["data"])
