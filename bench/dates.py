"""Meeting-date benchmark on ../shared/corpus/real_nl (not part of the test suite).

    .venv/bin/python bench/dates.py [--corpus ../shared/corpus] [--cache DIR]

Builds the truth table bench/dates_truth.tsv from MANIFEST.tsv (the file name and the description
carry the meeting date) and confirms each date against the PDF's own text; prints the score of the
naive first-date rule beside ours (extract.metadata.meeting_of), with every miss.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.dates import date_in_filename, date_mentions, parse_date  # noqa: E402
from extract.document import BLOCK_SEPARATOR, BBox, Block, Document, Page  # noqa: E402
from extract.metadata import meeting_of  # noqa: E402

HERE = Path(__file__).resolve().parent
# Decisions taken by reading the PDF, where the manifest alone does not settle the truth.
MANUAL = {
    "fufxl_bestuursnotulen_2023-09-19.pdf": (None, "text states no meeting date (only the PDF creation date)"),
    "kpapis_Breakout_sessies_Werkgroep_Gebruikerswensen_26_april.pdf": (None, "text and name give no year"),
    "woo_vws_174055_Actietabel_Kernteam_overleg_2020-09.pdf": (None, "action table updated 25-9 for 28-9, no full date"),
    "woo_vws_171080_Agenda_Bestuurlijk_Overleg_COVID-19_beperking_2020-09-21.pdf": (None, "text says '21 september' without year"),
    "pdflab_gemeente_Emmen_toezeggingen_commissie_BME_ocred.pdf": (None, "letter about commitments, not minutes; committee met 2024-12-04"),
    "kpapis_2020_04_24_Verslag_Werkgroep_API_Architectuur.pdf": ("2020-04-24", "file name; text title 'Verslag Overleg 24-4 -2020'"),
    "openkamer_besluitenlijst_example1.pdf": ("2009-04-02", "text: 'Besluitenlijst van de procedurevergadering van donderdag 2 april 2009'"),
    "openkamer_besluitenlijst_example2.pdf": ("2016-10-26", "text: 'Besluitenlijst van de procedurevergadering van woensdag 26 oktober 2016'"),
    "openkamer_besluitenlijst_example3.pdf": ("2015-03-26", "text: 'Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015'"),
    "openkamer_besluitenlijst_example4.pdf": ("2011-03-08", "text: 'Besluitenlijst van de extra procedurevergadering van dinsdag 8 maart 2011'"),
    "pdflab_TK_verslag_schriftelijk_overleg_2024-01-16.pdf": (None, "written consultation: no meeting, only a 'vastgesteld' date"),
}


def simple_document(path: Path, cache: Path | None) -> Document:
    """One paragraph block per page from pdfplumber (extract.pdf.document_from_pdf when present)."""
    try:
        from extract.pdf import document_from_pdf
        from extract.settings import ExtractSettings
        return document_from_pdf(path, ExtractSettings())
    except ImportError:
        pass
    cached = cache / (path.stem + ".txt") if cache else None
    if cached and cached.exists():
        pages = cached.read_text().split("\n\f\n")
    else:
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
        if cached:
            cached.write_text("\n\f\n".join(pages))
    pages = [p.split("\n@@META")[0] for p in pages]
    blocks, pos = [], 0
    for i, t in enumerate(pages, 1):
        blocks.append(Block("paragraph", t, i, BBox(0, 0, 0, 0), pos, pos + len(t)))
        pos += len(t) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(pages)
    return Document(hashlib.sha256(path.read_bytes()).hexdigest(), str(path), text,
                    tuple(Page(i, 595, 842, len(t)) for i, t in enumerate(pages, 1)), tuple(blocks))


def truth_of(row: dict, text: str) -> tuple[str | None, str]:
    name = row["filename"]
    if name in MANUAL:
        return MANUAL[name]
    cands = [d for d in (date_in_filename(name), parse_date(row["description"])) if d]
    if not cands:
        return None, "no date in file name or description"
    if len(set(cands)) > 1:
        return None, f"file name and description disagree: {cands}"
    iso = cands[0]
    in_text = {m.iso for m in date_mentions(text)}
    how = "file name" if date_in_filename(name) else "description"
    if iso in in_text:
        return iso, f"{how}; confirmed in text"
    return None, f"{how} says {iso}; not found in text"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--cache", default=None, help="directory caching page texts between runs")
    ap.add_argument("--dev", action="store_true", help="also score all meeting fields on the dev set")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    rows = [r for r in csv.DictReader(open(corpus / "MANIFEST.tsv"), delimiter="\t") if r["folder"] == "real_nl"]
    table, naive_ok, ours_ok, text_ok, blind_ok, n = [], 0, 0, 0, 0, 0
    for row in rows:
        doc = simple_document(corpus / "real_nl" / row["filename"], cache)
        truth, how = truth_of(row, doc.text)
        first = next((m.iso for m in date_mentions(doc.text) if m.iso), None)
        meeting = meeting_of(doc)
        table.append((row["filename"], truth or "", how, first or "", meeting.date or "", meeting.date_source or ""))
        if truth:
            n += 1
            naive_ok += first == truth
            ours_ok += meeting.date == truth
            text_ok += meeting.date == truth and meeting.date_source == "text"
            blind_ok += meeting_of(dataclasses.replace(doc, path="document.pdf")).date == truth
            if meeting.date != truth:
                print(f"MISS {row['filename']}: truth {truth}, ours {meeting.date} ({meeting.date_source})")
    with open(HERE / "dates_truth.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(("filename", "meeting_date", "established_by", "naive_first_date", "ours", "our_source"))
        w.writerows(table)
    print(f"documents stating their date: {n} of {len(rows)}")
    print(f"naive first date in text: {naive_ok}/{n}")
    print(f"meeting_of:               {ours_ok}/{n} (from the text itself: {text_ok})")
    print(f"meeting_of, file renamed: {blind_ok}/{n}")
    if args.dev:
        score_dev(corpus)




# --- dev set: all meeting fields, with the reference scorer's rules ----------------------------
def markup_document(path: Path) -> Document:
    """A Document from a dev report's marked-up source text (# title, ## heading, - item, @header),
    standing in for the layout extractor's output until extract.pdf exists."""
    blocks, headers, pos = [], [], 0
    for para in re.split(r"\n\s*\n", path.read_text()):
        for line in [ln for ln in para.split("\n") if ln.startswith("@")]:
            key, _, val = line[1:].partition(":")
            if key in ("header", "footer"):
                headers.append(val.strip())
        lines = [ln for ln in para.split("\n") if ln.strip() and not ln.startswith(("@", "!", "[^"))]
        if not lines:
            continue
        text = " ".join(lines)
        kind, level = "paragraph", 0
        if text.startswith("## "):
            kind, level, text = "heading", 2, text[3:]
        elif text.startswith("# "):
            kind, level, text = "title", 1, text[2:]
        items = [ln[2:] for ln in lines] if all(ln.startswith("- ") for ln in lines) else [text]
        for item in items:
            blocks.append(Block("list_item" if len(items) > 1 or lines[0].startswith("- ") else kind,
                                item, 1, BBox(0, 0, 0, 0), pos, pos + len(item), level=level))
            pos += len(item) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(b.text for b in blocks)
    return Document("0" * 64, str(path.with_suffix(".pdf")), text, (Page(1, 595, 842, len(text)),),
                    tuple(blocks), running_headers=tuple(headers))


def score_dev(corpus: Path) -> None:
    import importlib.util
    spec = importlib.util.spec_from_file_location("score_gold", corpus.parent / "tools" / "score_gold.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    totals: dict[str, list[int]] = {}
    for gold_path in sorted((corpus / "dev").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text())["meeting"]
        stem = gold_path.name[: -len(".gold.json")]
        for label, doc in (("markup", markup_document(corpus / "dev" / f"{stem}.txt")),
                           ("pdf", simple_document(corpus / "dev" / f"{stem}.pdf", None))):
            m = meeting_of(doc)
            pred = {k: getattr(m, k) for k in gold}
            res = scorer.score_meeting(pred, gold)
            for k, ok in res.items():
                totals.setdefault(f"{label}:{k}", []).append(int(ok))
                if not ok:
                    print(f"DEV MISS [{label}] {stem} {k}: ours {pred[k]!r}, gold {gold[k]!r}")
    for key, vals in sorted(totals.items()):
        print(f"dev {key:22} {sum(vals)}/{len(vals)}")


if __name__ == "__main__":
    main()
