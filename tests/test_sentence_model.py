"""The learned sentence model: its artefact, its training data and what it adds to the rules.

The invented sentences of models/data/sentences.train.v1.tsv (written for this project, one or more per
class of sentence the rules missed on unseen reports) are both training data and these tests.
"""
import json

import pytest

from models import train
from models.learned import combine
from models.nlp import load_nlp
from models.pipeline import annotate
from models.sentence_model import from_json, load_model, text_features
from models.settings import TagSettings
from models.train import INVENTED, ROOT, document_from_paragraphs, invented_rows, sha256


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(TagSettings())


def test_the_artefact_lists_the_data_it_came_from_and_is_not_stale():
    model = load_model()
    assert model is not None and model.name == "sentences.v1"
    files = {t["file"]: t["sha256"] for t in model.trained_on}
    assert files["models/data/sentences.train.v1.tsv"] == sha256(INVENTED), "retrain: python -m models.train"
    repo = {f: h for f, h in files.items() if not f.startswith("../")}
    assert any(f.startswith("samples/gold/") for f in repo)
    for f, h in repo.items():  # gold or PDFs changed since training: retrain
        assert sha256(ROOT / f) == h, f"{f} changed since training: python -m models.train"


def _tagged(nlp, rows, settings=TagSettings()):
    doc = document_from_paragraphs([(h, t) for _, h, t in rows])
    ann = annotate(doc, settings, nlp=nlp)
    concerns, commitments = {c.quote for c in ann.concerns}, {c.quote for c in ann.commitments}
    return {t: ("concern" if t in concerns else "commitment" if t in commitments else "neither") for _, _, t in rows}


def test_every_invented_sentence_gets_its_class(nlp):
    rows = invented_rows()
    assert {lab for lab, _, _ in rows} == {"concern", "commitment", "neither"} and len(rows) >= 60
    got = _tagged(nlp, rows)
    wrong = [(lab, got[t], t) for lab, _, t in rows if got[t] != lab]
    assert not wrong


def test_the_model_adds_what_the_rules_miss(nlp):
    rows = invented_rows()
    rules = _tagged(nlp, rows, TagSettings(sentence_model="none"))
    both = _tagged(nlp, rows)
    right = lambda got: sum(got[t] == lab for lab, _, t in rows)
    assert right(both) > right(rules)


def test_training_is_reproducible_and_small(nlp):
    case = train.invented_case(nlp=nlp)
    a, b = train.fit([case]), train.fit([case])
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["trained_on"] == [{"file": "models/data/sentences.train.v1.tsv", "sha256": sha256(INVENTED)}]
    assert len((ROOT / "models/data/sentences.v1.json").read_bytes()) < 400_000


def test_names_and_numbers_do_not_become_features():
    import re

    f = text_features("Jansen zegde op 3 maart toe de offerte te sturen.", re.compile(r"\bJansen\b"))
    assert "w:persoon" in f and "w:0" in f and not any("jansen" in k or "3" in k for k in f)


def test_without_a_model_the_rules_stand_alone(nlp):
    doc = document_from_paragraphs([("Onderhoud", "Een bewoonster klaagt over lekkage.")])
    ann = annotate(doc, TagSettings(sentence_model="none"), nlp=nlp)
    assert dict(ann.versions)["sentences"] == "none"
    assert combine(doc, ann.speakers, ann.attributions, ann.sections, None, ann.concerns, ann.commitments,
                   None) == (ann.concerns, ann.commitments)
    model = from_json({"name": "t", "weights": {"concern": {}, "commitment": {}}, "bias": {"concern": -9, "commitment": -9},
                       "thresholds": train.THRESHOLDS})
    assert model.probability("concern", {"w:x": 1.0}) < 0.001


def test_every_tag_says_why(nlp):
    doc = document_from_paragraphs([("Rondvraag", "Een bewoonster klaagt over lekkage in de keuken."),
                                    ("Onderhoud", "De opzichter komt voor 1 april langs.")])
    ann = annotate(doc, TagSettings(), nlp=nlp)
    (c,), (m,) = ann.concerns, ann.commitments
    assert c.why[0] in ("rules", "model") and "cue=complaint" in c.why and 0 < c.score <= 1
    assert m.why[0] in ("rules", "model") and "present" in m.why
