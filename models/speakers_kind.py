"""Learned speaker kind from role and organisation words: `kind_from_words(role, org) -> (kind, p)`.

A logistic regression over the words of the role and the organisation (whole words, word endings
for Dutch compounds such as "huurdersraadlid" or "wijkverpleegkundige", the organisation's head word)
with the rule kind (`speakers_cues.kind_of`) as one more feature: the rules stay the explanation and
the model learns where their word lists fall short. Trained from gold speakers whose role or
organisation the text states, by one command:

    python -m models.speakers_kind --train [--shared ../shared/corpus]

which reads samples/gold/*.gold.json and, when present, SHARED/dev and SHARED/series_dev gold,
prints leave-one-document-out accuracy beside the rules alone, and writes the small artefact
models/data/speaker_kind.v1.json (vocabulary, weights, classes, and the list of the files it came
from with their sha256). No pickle: the weights are plain JSON and prediction is a dot product.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import re
import sys
from importlib import resources
from pathlib import Path

from models.speakers_context import load_rules
from models.speakers_cues import kind_of

MODEL = "speaker_kind.v1"
ROOT = Path(__file__).resolve().parent.parent
MIN_P = 0.6  # below this the learned kind is not used (speakers.py keeps the rules' answer)


def features(role: str | None, org: str | None, rules: dict) -> list[str]:
    """Word features of a role and an organisation, and the rule kind."""
    out = []
    for part, text in (("r", role), ("o", org)):
        words = re.findall(r"[a-zà-ÿ]+", (text or "").casefold())
        for i, w in enumerate(words):
            out.append(f"{part}:{w}")
            for n in (5, 7):
                if len(w) > n + 2:
                    out.append(f"{part}$:{w[-n:]}")  # compound endings: "...verpleegkundige", "...raadlid"
            if i == 0:
                out.append(f"{part}0:{w}")  # the head: "gemeente", "woonstichting", "wethouder"
        if not words:
            out.append(f"{part}:none")
    out.append(f"rule:{kind_of(role, org, rules, set(rules['corporations'])) or 'none'}")
    return out


def gold_examples(shared: Path | None, extra=()) -> list[tuple[str, str | None, str | None, str]]:
    """(document, role, organisation, kind) of gold speakers with a stated role or organisation."""
    files = sorted((ROOT / "samples" / "gold").glob("*.gold.json"))
    known = {f.name for f in files}
    for folder in extra:
        files += sorted(f for f in Path(folder).glob("*.gold.json") if f.name not in known)
    if shared is not None:
        for sub in ("dev", "series_dev"):
            files += sorted((shared / sub).glob("*.gold.json"))
    out = []
    for f in files:
        for s in json.loads(f.read_text(encoding="utf-8")).get("speakers") or []:
            if (s.get("role") or s.get("organisation")) and s.get("kind"):
                out.append((str(f), s.get("role"), s.get("organisation"), s["kind"]))
    return out


def _fit(examples, rules):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in features(r, o, rules)} for _, r, o, _ in examples])
    y = [k for *_, k in examples]
    clf = LogisticRegression(C=2.0, max_iter=2000, random_state=0).fit(x, y)
    return vec, clf


def train(shared: Path | None, out: Path, extra: list[Path] = ()) -> dict:
    rules = load_rules()
    examples = gold_examples(shared, extra)
    docs = sorted({d for d, *_ in examples})
    learned = rules_ok = n = 0
    open_n = open_learned = open_rules = 0  # where the rules give no kind (speakers.py then uses the model)
    for d in docs:  # leave one document out
        train_ex = [e for e in examples if e[0] != d]
        test_ex = [e for e in examples if e[0] == d]
        if len({k for *_, k in train_ex}) < 2:
            continue
        vec, clf = _fit(train_ex, rules)
        for _, r, o, k in test_ex:
            pred = clf.predict(vec.transform([{f: 1 for f in features(r, o, rules)}]))[0]
            learned += pred == k
            rule = kind_of(r, o, rules, set(rules["corporations"]))
            rules_ok += (rule or "other") == k
            n += 1
            if rule is None:
                open_n += 1
                open_learned += pred == k
                open_rules += k == "other"
    vec, clf = _fit(examples, rules)
    model = {"version": MODEL, "classes": list(clf.classes_), "vocabulary": vec.feature_names_.copy()
             if hasattr(vec, "feature_names_") else list(vec.get_feature_names_out()),
             "coef": [[round(float(c), 5) for c in row] for row in clf.coef_],
             "intercept": [round(float(c), 5) for c in clf.intercept_],
             "data": [{"file": _rel(d), "sha256": hashlib.sha256(Path(d).read_bytes()).hexdigest()} for d in docs],
             "examples": len(examples),
             "leave_one_document_out": {"n": n, "learned_accuracy": round(learned / n, 3) if n else None,
                                        "rules_accuracy": round(rules_ok / n, 3) if n else None,
                                        "no_rule_kind": {"n": open_n, "learned_accuracy":
                                                         round(open_learned / open_n, 3) if open_n else None,
                                                         "other_accuracy": round(open_rules / open_n, 3) if open_n else None}}}
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return model


def _rel(path: str) -> str:
    p = Path(path).resolve()
    for base, name in ((ROOT, ""), (ROOT.parent / "shared", "../shared/")):
        try:
            return name + str(p.relative_to(base.resolve()))
        except ValueError:
            continue
    return p.name


@functools.lru_cache(maxsize=2)  # read once per process
def load_model(name: str = MODEL) -> dict | None:
    try:
        return json.loads((resources.files("models") / "data" / f"{name}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return None


def kind_from_words(role: str | None, org: str | None, rules: dict | None = None) -> tuple[str | None, float]:
    """The learned kind and its probability; (None, 0.0) without a trained model."""
    model = load_model()
    if model is None:
        return None, 0.0
    index = _index(MODEL)
    feats = [index[f] for f in features(role, org, rules or load_rules()) if f in index]
    scores = [b + sum(row[i] for i in feats) for row, b in zip(model["coef"], model["intercept"])]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    best = max(range(len(scores)), key=scores.__getitem__)
    return model["classes"][best], exp[best] / sum(exp)


@functools.lru_cache(maxsize=2)
def _index(name: str) -> dict[str, int]:
    return {f: i for i, f in enumerate(load_model(name)["vocabulary"])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Train the speaker-kind model from gold speakers.")
    ap.add_argument("--train", action="store_true", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpus"),
                    help="the shared corpus whose dev and series_dev gold are read too (skipped when absent)")
    ap.add_argument("--gold", action="append", default=[], metavar="DIR",
                    help="another folder of *.gold.json to train on (repeatable)")
    ap.add_argument("--out", default=str(ROOT / "models" / "data" / f"{MODEL}.json"))
    a = ap.parse_args(argv)
    shared = Path(a.shared) if Path(a.shared).is_dir() else None
    model = train(shared, Path(a.out), [Path(g) for g in a.gold])
    lodo = model["leave_one_document_out"]
    print(f"{model['examples']} gold speakers from {len(model['data'])} documents; leave-one-document-out "
          f"kind accuracy: learned {lodo['learned_accuracy']} / rules alone {lodo['rules_accuracy']} (n={lodo['n']}); "
          f"where the rules give no kind: learned {lodo['no_rule_kind']['learned_accuracy']} / 'other' "
          f"{lodo['no_rule_kind']['other_accuracy']} (n={lodo['no_rule_kind']['n']})")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
