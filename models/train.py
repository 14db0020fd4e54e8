"""Train the learned sentence model: `python -m models.train` (writes models/data/sentences.v1.json).

Training data, read at training time:
- every NAME.gold.json with its NAME.pdf in samples/gold + samples/pdf (the repo's gold), and in
  ../shared/corpus/dev and ../shared/corpus/series_dev when that folder exists (gold of others);
- models/data/sentences.train.v1.tsv: sentences written for this project, one per class we know the
  rules miss (past promises, offers, named tenants in narrative, conditions, header lines, ...).

The add/keep thresholds of models/learned.py are chosen on leave-one-document-out F1 (`tune_thresholds`).
A sentence is a concern when a gold concern's quote lies inside it (optional concerns are left out of
training), a commitment when a gold commitment's quote does (documents whose gold has no commitments
list are left out of that class). Features: models/sentence_model.py. The artefact records every file it
came from with its sha256; `leave_one_out` gives the figures of a model that never saw the document.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from extract.document import BBox, Block, Document, Page, BLOCK_SEPARATOR
from extract.sentences import sentences_of
from models import learned
from models.annotations import Annotations, to_gold_json
from models.evaluate import covers, score_commitments, score_concerns
from models.sentence_model import CLASSES, MODEL, document_features, from_json

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ROOT / "models" / "data" / "sentences.train.v1.tsv"
SOURCES = (("samples/gold", "samples/pdf"), ("../shared/corpus/dev", None), ("../shared/corpus/series_dev", None))
THRESHOLDS = {"concern": {"add": 0.6, "keep": 0.15}, "commitment": {"add": 0.6, "keep": 0.15}}
MIN_COUNT = 2  # a feature seen once cannot generalise; dropping it keeps the artefact small
C = 0.5


@dataclass
class Case:
    """One training document: its text, what the rules found, features and labels per sentence."""
    name: str
    genre: str
    doc: Document
    ann: Annotations  # rules only
    gold: dict | None
    feats: list
    labels: dict  # class -> list of 0/1/None per sentence (None: not used for that class)
    files: tuple  # (path, sha256) it came from


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gold_pairs(sources=SOURCES, root: Path = ROOT) -> list[tuple[Path, Path]]:
    """(gold, pdf) for every gold file of the sources that exist."""
    out = []
    for gold_dir, pdf_dir in sources:
        g = (root / gold_dir).resolve()
        if not g.is_dir():
            continue
        for gold in sorted(g.glob("*.gold.json")):
            name = gold.name[: -len(".gold.json")]
            pdf = ((root / pdf_dir).resolve() if pdf_dir else g) / f"{name}.pdf"
            if pdf.exists():
                out.append((gold, pdf))
    return out


def labels_of(doc: Document, gold: dict) -> dict:
    """class -> label per sentence: 1 when a gold quote lies inside the sentence."""
    sents = doc.sentences
    concerns = [c["quote"] for c in gold.get("concerns") or []]
    optional = [c if isinstance(c, str) else c["quote"] for c in gold.get("optional_concerns") or []]
    out = {"concern": [1 if any(covers(s.text, q) for q in concerns) else
                       (None if any(covers(s.text, q) for q in optional) else 0) for s in sents]}
    if gold.get("commitments") is None:
        out["commitment"] = [None] * len(sents)
    else:
        quotes = [c["quote"] for c in gold["commitments"]]
        out["commitment"] = [1 if any(covers(s.text, q) for q in quotes) else 0 for s in sents]
    return out


def case_of(name: str, doc: Document, ann: Annotations, gold: dict | None, files=()) -> Case:
    hits = learned.rule_features(doc, ann.speakers, ann.concerns, ann.commitments)
    feats = document_features(doc, ann.speakers, ann.attributions, ann.sections, hits)
    labels = labels_of(doc, gold) if gold is not None else {}
    genre = ((gold or {}).get("meeting") or {}).get("type") or doc.meeting.type or "unknown"
    return Case(name, genre, doc, ann, gold, feats, labels, tuple(files))


def rules_only(settings=None):
    from models.settings import TagSettings
    from dataclasses import replace

    return replace(settings or TagSettings(), sentence_model="none")


def load_cases(pairs, extract_settings=None, tag_settings=None, nlp=None) -> list[Case]:
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from models.nlp import load_nlp
    from models.pipeline import annotate

    tag = rules_only(tag_settings)
    nlp = nlp if nlp is not None else load_nlp(tag)
    out = []
    for gold_path, pdf in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = document_from_pdf(str(pdf), extract_settings or ExtractSettings())
        ann = annotate(doc, tag, nlp=nlp)
        out.append(case_of(gold_path.name[: -len(".gold.json")], doc, ann, gold,
                           ((gold_path, sha256(gold_path)), (pdf, sha256(pdf)))))
    return out


def document_from_paragraphs(paragraphs: list[tuple[str | None, str]], path: str = "invented.txt") -> Document:
    """A Document of (heading, paragraph) pairs, sentences split by extract.sentences as in production."""
    blocks, pos = [], 0
    for heading, text in paragraphs:
        for kind, t in ((("heading", heading),) if heading else ()) + (("paragraph", text),):
            if blocks:
                pos += len(BLOCK_SEPARATOR)
            blocks.append(Block(kind, t, 1, BBox(72, 72, 520, 86), pos, pos + len(t), level=2 if kind == "heading" else 0))
            pos += len(t)
    text = BLOCK_SEPARATOR.join(b.text for b in blocks)
    return Document(doc_id=hashlib.sha256(text.encode()).hexdigest(), path=path, text=text,
                    pages=(Page(1, 595.0, 842.0, len(text)),), blocks=tuple(blocks), sentences=sentences_of(blocks),
                    extractor_version="invented")


def invented_rows(path: Path = INVENTED) -> list[tuple[str, str | None, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, heading, text = line.split("\t")
            rows.append((label, None if heading == "-" else heading, text))
    return rows


def invented_case(path: Path = INVENTED, nlp=None) -> Case:
    """All invented sentences as one document, one heading + paragraph each (no speakers are known)."""
    from models.nlp import load_nlp
    from models.pipeline import annotate

    rows = invented_rows(path)
    doc = document_from_paragraphs([(h, t) for _, h, t in rows])
    tag = rules_only()
    ann = annotate(doc, tag, nlp=nlp if nlp is not None else load_nlp(tag))
    case = case_of("invented", doc, ann, None, ((path, sha256(path)),))
    label_of = {t: lab for lab, _, t in rows}
    case.labels = {cls: [None if s.text not in label_of else int(label_of[s.text] == cls) for s in doc.sentences]
                   for cls in CLASSES}
    return case


def fit(cases: list[Case], name: str = MODEL, c: float = C, thresholds=None) -> dict:
    """The artefact (a JSON-able dict) of one logistic regression per class."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    out = {"name": name, "weights": {}, "bias": {}, "thresholds": thresholds or THRESHOLDS,
           "trained_on": [{"file": _shown(p), "sha256": h} for cs in cases for p, h in cs.files],
           "settings": {"C": c, "min_count": MIN_COUNT, "class_weight": "balanced"}}
    for cls in CLASSES:
        X, y = [], []
        for cs in cases:
            for f, lab in zip(cs.feats, cs.labels.get(cls, [])):
                if lab is not None:
                    X.append(f)
                    y.append(lab)
        counts: dict[str, int] = {}
        for f in X:
            for k in f:
                counts[k] = counts.get(k, 0) + 1
        X = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in X]
        vec = DictVectorizer()
        m = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=0)
        m.fit(vec.fit_transform(X), y)
        out["weights"][cls] = {k: round(float(w), 4) for k, w in zip(vec.get_feature_names_out(), m.coef_[0])
                               if abs(w) >= 0.005}
        out["bias"][cls] = round(float(m.intercept_[0]), 4)
        out["examples_" + cls] = {"positive": int(sum(y)), "negative": len(y) - int(sum(y))}
    return out


def _shown(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return "../" + str(p.resolve().relative_to(ROOT.parent))  # ../shared/corpus/...


def predict(case: Case, model) -> dict:
    """The gold-format prediction for a case under `model` (rules only when model is None)."""
    a = case.ann
    from models.themes import load_taxonomy

    concerns, commitments = learned.combine(case.doc, a.speakers, a.attributions, a.sections,
                                            load_taxonomy("taxonomy.v1"), a.concerns, a.commitments, model)
    ann = Annotations(a.doc_id, a.speakers, a.sections, a.attributions, concerns, commitments, a.mentions, a.facts,
                      a.versions)
    return to_gold_json(case.doc, ann)


def score(case: Case, pred: dict) -> dict:
    out = {"concerns": score_concerns(pred.get("concerns") or [], case.gold)}
    if case.gold.get("commitments") is not None:
        out["commitments"] = score_commitments(pred.get("commitments") or [], case.gold["commitments"])
    return out


def series_of(name: str) -> str:
    """"2023-03-15_overleg_thuis-aan-de-ijssel" -> "overleg_thuis-aan-de-ijssel": reports of one body."""
    return re.sub(r"^\d{4}-\d{2}-\d{2}_", "", name)


def leave_one_out(cases: list[Case], pool: list[Case], thresholds=None, key=lambda name: name) -> dict:
    """name -> scores of `case` under a model trained on `pool` without any document of the same key
    (the name: leave one document out; `series_of`: leave the whole series out)."""
    out = {}
    for case in cases:
        rest = [p for p in pool if key(p.name) != key(case.name)]
        art = fit(rest, name=MODEL + "-without-" + case.name, thresholds=thresholds)
        out[case.name] = score(case, predict(case, from_json(art)))
    return out


ADD = (0.5, 0.6, 0.7, 0.8, 0.9)
KEEP = (0.02, 0.05, 0.1, 0.15, 0.25)


def tune_thresholds(cases: list[Case]) -> dict:
    """The add/keep thresholds with the best leave-one-document-out F1 per class (ties: the lower add, then
    the lower keep). Every gold document is scored by a model trained without it."""
    gold = [c for c in cases if c.gold is not None]
    held_out = {c.name: fit([p for p in cases if p.name != c.name]) for c in gold}
    best = {}
    for cls, part in (("concern", "concerns"), ("commitment", "commitments")):
        grid = []
        for add in ADD:
            for keep in KEEP:
                tp = n_pred = n_gold = 0
                for c in gold:
                    art = dict(held_out[c.name], thresholds={**THRESHOLDS, cls: {"add": add, "keep": keep}})
                    sc = score(c, predict(c, from_json(art)))
                    if part in sc:
                        tp, n_pred, n_gold = tp + sc[part]["tp"], n_pred + sc[part]["n_pred"], n_gold + sc[part]["n_gold"]
                f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
                grid.append((round(f1, 4), -add, -keep))
        f1, add, keep = max(grid)
        best[cls] = {"add": -add, "keep": -keep, "lodo_f1": f1}
    return best


def training_cases(nlp=None, sources=SOURCES) -> list[Case]:
    from models.nlp import load_nlp
    from models.settings import TagSettings

    nlp = nlp if nlp is not None else load_nlp(TagSettings())
    return load_cases(gold_pairs(sources), nlp=nlp) + [invented_case(nlp=nlp)]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m models.train", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=str(ROOT / "models" / "data" / f"{MODEL}.json"))
    p.add_argument("--lodo", action="store_true", help="also print leave-one-document-out (LODO) and "
                   "leave-one-series-out (LOSO: no report of the same body in training) figures")
    args = p.parse_args(argv)
    cases = training_cases()
    tuned = tune_thresholds(cases)
    art = fit(cases, thresholds={k: {"add": v["add"], "keep": v["keep"]} for k, v in tuned.items()})
    art["thresholds_lodo_f1"] = {k: v["lodo_f1"] for k, v in tuned.items()}
    Path(args.out).write_text(json.dumps(art, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    n = sum(1 for c in cases if c.gold is not None)
    print(f"{args.out}: {n} gold documents + {len(invented_rows())} invented sentences, "
          + ", ".join(f"{k} {len(v)} features" for k, v in art["weights"].items())
          + f"; thresholds (tuned leave-one-document-out) {art['thresholds']}")
    if args.lodo:
        from models.evaluate import prf

        gold_cases = [c for c in cases if c.gold is not None]
        for label, key in (("rules", None), ("rules+model (LODO)", lambda n: n), ("rules+model (LOSO)", series_of)):
            res = leave_one_out(gold_cases, cases, art["thresholds"], key) if key else \
                {c.name: score(c, predict(c, None)) for c in gold_cases}
            for part in ("concerns", "commitments"):
                d = [r[part] for r in res.values() if part in r]
                t = lambda k: sum(x[k] for x in d)
                print(f"{label:20} {part:12} {prf(t('tp'), t('n_pred'), t('tp'), t('n_gold'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
