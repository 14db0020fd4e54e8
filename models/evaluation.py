"""Evaluate the taggers on a folder of gold: model, rules alone, keyword baseline, per genre, leave-one-document-out.

`evaluate_folder(pdf_dir, gold_dir, ...)` annotates every NAME.pdf that has NAME.gold.json (the gold may sit
in another folder than the PDFs: `samples/pdf` with `samples/gold`) and scores it with models.evaluate
(the reference scorer's rules). Beside the model it scores:
- `rules`: the rules alone (tag.sentence_model = none), what the learned model is added to;
- `baseline`: the keyword baseline of models/baseline.py;
- `lodo` (when asked): for every document, the learned sentence model retrained without that document
  (from the training sources of models/train.py plus the other documents of this folder), so the figure
  is that of a model that never saw the report;
- `genres`: the same totals per meeting type of the gold (`meeting.type`; the predicted one where the gold has none).
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from models.annotations import Annotations, to_gold_json
from models.evaluate import score_doc, summarise

PARTS = ("model", "rules", "baseline", "lodo")


def pairs_of(pdf_dir: Path, gold_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """(gold, pdf) for every NAME.gold.json in gold_dir (default pdf_dir) with NAME.pdf in pdf_dir."""
    gold_dir = gold_dir or pdf_dir
    out = []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        pdf = next((p for p in (pdf_dir / f"{name}.pdf", pdf_dir / f"{name}.PDF") if p.exists()), None)
        if pdf is not None:
            out.append((gold, pdf))
    return out


def _with(ann: Annotations, concerns, commitments) -> Annotations:
    return replace(ann, concerns=concerns, commitments=commitments)


def evaluate_folder(pdf_dir: Path, gold_dir: Path | None, extract_settings, tag_settings, nlp=None,
                    lodo: bool = False, predictions: Path | None = None, documents: dict | None = None) -> dict:
    """{"documents", "total", "genres", "rules", "baseline", "lodo"?} (each part: documents and total).
    `documents`: {str(pdf): Document} already extracted (the CLI reads them in its sandbox); a PDF
    missing from it is extracted here, unless `documents` is given and it is absent (unreadable)."""
    from extract.pdf import document_from_pdf
    from models import learned, train
    from models.baseline import annotate_baseline
    from models.nlp import load_nlp
    from models.pipeline import annotate
    from models.sentence_model import load_model
    from models.themes import load_taxonomy

    nlp = nlp if nlp is not None else load_nlp(tag_settings)
    rules_only = replace(tag_settings, sentence_model="none")
    model = load_model(tag_settings.sentence_model) if tag_settings.sentence_model != "none" else None
    taxonomy = load_taxonomy(tag_settings.taxonomy)
    cases, scores, genres = [], {p: {} for p in PARTS}, {}
    for gold_path, pdf in pairs_of(pdf_dir, gold_dir):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if documents is not None and str(pdf) not in documents:
            continue  # quarantined by the caller's reader
        doc = documents[str(pdf)] if documents is not None else document_from_pdf(str(pdf), extract_settings)
        ann = annotate(doc, rules_only, nlp=nlp)
        full = _with(ann, *learned.combine(doc, ann.speakers, ann.attributions, ann.sections, taxonomy,
                                           ann.concerns, ann.commitments, model))
        full = replace(full, versions=tuple((k, model.name if k == "sentences" and model else v)
                                            for k, v in full.versions))
        pred = to_gold_json(doc, full)
        if predictions:
            predictions.mkdir(parents=True, exist_ok=True)
            (predictions / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
        scores["model"][name] = score_doc(pred, gold)
        scores["rules"][name] = score_doc(to_gold_json(doc, ann), gold)
        scores["baseline"][name] = score_doc(to_gold_json(doc, annotate_baseline(doc)), gold)
        genres[name] = (gold.get("meeting") or {}).get("type") or pred["meeting"]["type"] or "unknown"
        cases.append(train.case_of(name, doc, ann, gold, ((gold_path, ""), (pdf, ""))))
    if lodo and cases:
        from models.sentence_model import from_json

        mine = {c.name for c in cases}
        pool = [c for c in train.training_cases(nlp=nlp) if c.name not in mine] + cases
        for case in cases:
            held_out = from_json(train.fit([c for c in pool if c.name != case.name],
                                           thresholds=model.thresholds if model else None))
            a = case.ann
            alone = _with(a, *learned.combine(case.doc, a.speakers, a.attributions, a.sections, taxonomy,
                                              a.concerns, a.commitments, held_out))
            scores["lodo"][case.name] = score_doc(to_gold_json(case.doc, alone), case.gold)
    out = {"documents": scores["model"], "total": summarise(scores["model"]), "genre_of": genres,
           "genres": {g: {p: summarise({n: d for n, d in scores[p].items() if genres[n] == g})
                          for p in PARTS if scores[p]} for g in sorted(set(genres.values()))}}
    for p in ("rules", "baseline", "lodo"):
        if scores[p]:
            out[p] = {"documents": scores[p], "total": summarise(scores[p])}
    return out


def _f(v) -> str:
    return "   -  " if v is None else f"{v['f1']:.3f}" + (f"/{v['recall']:.2f}" if "recall" in v else "")


def format_comparison(result: dict) -> str:
    """Concern, commitment and theme figures: model, rules alone, baseline and leave-one-document-out,
    in total and per genre (F1/recall)."""
    parts = [p for p in PARTS if p == "model" or p in result]
    tasks = ("themes", "concerns", "commitments")
    lines = ["", "F1/recall by genre (model = rules + learned sentences; rules = rules alone; "
                 "lodo = the learned part retrained without the document)",
             f"{'genre':18} {'docs':>4} {'part':9} " + " ".join(f"{t:>12}" for t in tasks)
             + f" {'categories':>10} {'raised_by':>9}"]
    groups = [("all", result["genre_of"].keys(), {p: (result if p == "model" else result[p])["total"] for p in parts})]
    groups += [(g, [n for n, x in result["genre_of"].items() if x == g], totals)
               for g, totals in result["genres"].items()]
    for genre, names, totals in groups:
        for i, p in enumerate(x for x in parts if x in totals):
            t = totals[p]
            lines.append(f"{genre if not i else '':18} {len(list(names)) if not i else '':>4} {p:9} "
                         + " ".join(f"{_f(t.get(k)):>12}" for k in tasks)
                         + f" {str(t.get('concerns_category_agree')):>10} {str(t.get('concerns_raised_by_agree')):>9}")
    return "\n".join(lines) + "\n"
