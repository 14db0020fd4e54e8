"""The bundled sample series (samples/pdf/*_overleg_brouwhuis-peelzoom.pdf, gold in samples/series/): PDFs ->
extract -> taggers -> series and threads, checked against the series gold written before any tagger ran."""
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "samples" / "pdf").glob("*_overleg_brouwhuis-peelzoom.pdf"))
GOLD = ROOT / "samples" / "series" / "brouwhuis-rijpelberg_peelzoom" / "series.gold.json"
pytestmark = pytest.mark.skipif(not (PDFS and GOLD.exists()), reason="the sample series is not bundled")


def norm(s: str) -> str:  # as ../shared/tools/score_series.py compares quotes
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "").casefold()
    s = re.sub(r"[‘’´`']", "'", s)
    s = re.sub(r"[“”„\"]", '"', s)
    s = re.sub(r"[-‐‑]\s*", "", s)
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def predicted():
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from models.pipeline import annotate
    from models.series import series_of
    from models.series_input import report_text
    from models.threads import threads_of

    reports = []
    for p in PDFS:
        doc = document_from_pdf(str(p), ExtractSettings())
        reports.append(report_text(doc, annotate(doc)))
    series = series_of([r.meeting for r in reports])
    assert len(series) == 1, "the four reports are one series"
    return threads_of(series[0], reports)


def _owner(threads, file, quote):
    q = norm(quote)
    return next((t for t in threads for m in t.mentions
                 if m.file_name == file and q in norm(m.quote) and len(norm(m.quote)) <= 2 * len(q) + 200), None)


def test_sample_series_mentions_links_and_status(predicted):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    mentions = [(t, m) for t in gold["threads"] for m in t["mentions"]]
    found = [(t, m, _owner(predicted, m["file"], m["quote"])) for t, m in mentions]
    assert sum(1 for *_, p in found if p) / len(mentions) >= 0.9  # mention recall
    status = [t["status"] == getattr(_owner(predicted, t["mentions"][0]["file"], t["mentions"][0]["quote"]),
                                     "status", None) for t in gold["threads"]]
    assert sum(status) / len(status) >= 0.8
    for d in gold["decoys"]:  # look like follow-ups, belong to no thread
        assert _owner(predicted, d["file"], d["quote"]) is None, d["quote"]
