"""`make bench`: throughput, memory and query latency of the pipeline, beside plain pdfplumber and pypdfium2.

    .venv/bin/python bench/run.py [--reports 200] [--real DIR] [--skip generated|real|queries]

Corpora: a generated one (`--reports` reports, each four or five of the bundled sample reports joined
into one PDF: 200 reports make 1,000 pages) and `../shared/corpus/real_nl` when present. For each corpus, on the same files
in the same run: plain pdfplumber `extract_text` and pypdfium2 text (one process) as reference points; our
stages one by one in one process (extract, tag, load); then `verslagen ingest` end to end on both cores,
its peak memory (whole process tree), a second run with nothing changed, and the latency of the trend,
concerns and search queries. Prints figures; checks nothing (targets live in README/issue notes).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.memory import PeakMemory  # noqa: E402
from bench.reference import pdfium_pages_per_second, plumber_pages_per_second  # noqa: E402

VERSLAGEN = str(ROOT / ".venv" / "bin" / "verslagen")


def generated_corpus(out: Path, n: int) -> list[Path]:
    """`n` distinct reports of about five pages each: report i is four or five of the bundled sample
    reports one after another (starting at sample i), so the corpus has the sample reports' layout and
    language at the size of a real archive (200 reports, about 1,000 pages)."""
    import pikepdf

    sources = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    out.mkdir(parents=True, exist_ok=True)
    opened = [pikepdf.open(s) for s in sources]
    try:
        for i in range(n):
            parts = [opened[(i + k) % len(opened)] for k in range(4 + i % 2)]
            with pikepdf.new() as pdf:
                for part in parts:
                    pdf.pages.extend(part.pages)
                pdf.docinfo["/Subject"] = f"benchmark report {i}"
                pdf.save(out / f"{i:04d}_{sources[i % len(sources)].name}")
    finally:
        for pdf in opened:
            pdf.close()
    return sorted(out.glob("*.pdf"))


def stages(paths: list[Path]) -> dict:
    """Our three stages, one after another in this one process: extract and tag each file, then load
    them all with pipeline.ingest_folder (the very code every ingest runs), its `read` replaying the
    documents read here."""
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from flows.pipeline.ingest import ingest_folder
    from flows.pipeline.outcomes import FileOutcome, Status
    from flows.pipeline.settings import build_settings
    from models.nlp import load_nlp
    from models.pipeline import annotate
    from warehouse.publish import Writer

    es = ExtractSettings(ocr=False)
    with tempfile.TemporaryDirectory() as tmp:
        settings = build_settings({"extract.ocr": False, "warehouse.path": str(Path(tmp) / "bench.duckdb")}, env={})
        ts = settings.tag
        nlp = load_nlp(ts)
        read, pages, t = {}, 0, {"extract": 0.0, "tag": 0.0, "load": 0.0}
        for p in paths:
            t0 = time.perf_counter()
            try:
                doc = document_from_pdf(str(p), es)
            except Exception:
                continue
            t1 = time.perf_counter()
            ann = annotate(doc, ts, nlp=nlp)
            t["extract"] += t1 - t0
            t["tag"] += time.perf_counter() - t1
            pages += len(doc.pages)
            read[doc.path] = (doc, ann)

        def replay(items, work, limits):  # the documents read above, in the order asked
            for path, sha in items:
                if path in read:
                    yield FileOutcome(path, sha, Status.LOADED, doc=read[path][0], ann=read[path][1])

        folder = Path(tmp) / "reports"
        folder.mkdir()
        for p in paths:
            if str(p) in read:
                (folder / p.name).symlink_to(p.resolve())
        read = {str(folder / Path(k).name): v for k, v in read.items()}
        writer = Writer(settings.warehouse.path, settings=settings.warehouse)
        writer.open()
        try:
            t0 = time.perf_counter()
            ingest_folder(str(folder), writer, settings, read=replay, extras=lambda conn, settings: ())
            t["load"] = time.perf_counter() - t0
        finally:
            writer.close()
    return {"pages": pages, **{k: round(pages / v, 1) if v else None for k, v in t.items()}}


def ingest(folder: Path, warehouse: Path, api_url: str | None = None) -> tuple[float, tuple[int, int], dict]:
    """`verslagen ingest` as a command: wall seconds, (peak PSS, peak RSS) and its JSON summary. Without
    `api_url` the command starts its own temporary Prefect API, as a member's first run does."""
    import os

    cmd = [VERSLAGEN, "ingest", str(folder), "--warehouse", str(warehouse), "--format", "json",
           "--set", "extract.ocr=false"]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    with PeakMemory(proc.pid) as mem:
        out, _ = proc.communicate()
    wall = time.perf_counter() - start
    try:
        summary = json.loads(out[out.index("{"):])
    except ValueError:
        summary = {}
    return wall, (mem.peak_pss, mem.peak), summary


def served_ingest(folder: Path, warehouse: Path) -> tuple[float, tuple[int, int], dict]:
    """A run with nothing new while a Prefect API is already running (the served nightly deployment's case)."""
    from flows.orchestration.prefect_api import TemporaryApi

    api = TemporaryApi()
    try:
        if not api.ready():
            return 0.0, (0, 0), {}
        return ingest(folder, warehouse, api.url)
    finally:
        api.stop()


def latency(warehouse: Path, args: list[str], repeat: int = 5) -> float:
    """Median wall time of one query inside a fresh Python process, minus nothing: what a member waits."""
    code = ("import time,sys;from flows.cli import main;import io,contextlib;"
            "t=[];\nfor _ in range(%d):\n s=time.perf_counter()\n with contextlib.redirect_stdout(io.StringIO()): main(%r)\n"
            " t.append(time.perf_counter()-s)\nt.sort();print(t[len(t)//2])") % (repeat, args + ["--warehouse", str(warehouse)])
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", code], capture_output=True, text=True, cwd=ROOT)
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return float("nan")


def query_latency(warehouse: Path, question: str, repeat: int = 5) -> float:
    """Median time of one question on an open read connection: the query itself, without opening the file."""
    from warehouse import ask
    from warehouse.publish import open_reader

    run = {"trends": ask.theme_trends, "concerns": ask.recurring_concerns,
           "search": lambda c: ask.search(c, "overlast trappenhuis")}[question]
    conn = open_reader(str(warehouse))
    try:
        run(conn)  # the first query also loads the FTS extension's functions
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run(conn)
            times.append(time.perf_counter() - start)
    finally:
        conn.close()
    return sorted(times)[len(times) // 2]


def print_latencies(warehouse: Path) -> None:
    for label, args in (("trends", ["trends"]), ("concerns", ["concerns"]), ("search", ["search", "overlast trappenhuis"])):
        print(f"latency {label}: query {1000 * query_latency(warehouse, label):.0f} ms on an open connection; "
              f"whole command {1000 * latency(warehouse, args):.0f} ms (opening the file, query, printing; median of 5)")


def bench(name: str, paths: list[Path], work: Path) -> None:
    print(f"\n== {name}: {len(paths)} files")
    n, s = plumber_pages_per_second(paths)
    plumber = n / s
    n2, s2 = pdfium_pages_per_second(paths)
    print(f"reference  pdfplumber extract_text: {n} pages, {plumber:.1f} pages/s (1 process)")
    print(f"reference  pypdfium2 text:          {n2} pages, {n2 / s2:.1f} pages/s (1 process)")
    st = stages(paths)
    print(f"ours, one process, pages/s: extract {st['extract']}  tag {st['tag']}  load {st['load']}  (OCR off)")
    folder = work / "in"
    folder.mkdir()
    for p in paths:
        shutil.copy(p, folder / p.name)
    wh = work / "w.duckdb"
    wall, peak, summary = ingest(folder, wh)
    flow_s = float(summary.get("duration_s") or summary.get("seconds") or wall)
    pages = int(summary.get("pages") or summary.get("pages_read") or n)
    print(f"ours, end to end (verslagen ingest, 2 workers): {pages} pages, wall {wall:.1f} s "
          f"({pages / wall:.1f} pages/s incl. Prefect start-up), flow {flow_s:.1f} s ({pages / flow_s:.1f} pages/s); "
          f"ratio to pdfplumber: {pages / flow_s / plumber:.2f}x (flow), {pages / wall / plumber:.2f}x (wall)")
    print(f"peak memory (process tree): {peak[0] / 2**20:.0f} MB PSS (pages shared by the forked children counted "
          f"once); RSS summed over processes {peak[1] / 2**20:.0f} MB")
    wall2, _, summary2 = ingest(folder, wh)
    flow2 = float(summary2.get("duration_s") or summary2.get("seconds") or wall2)
    print(f"second run, nothing changed: {summary2.get('pages', '?')} pages parsed; flow {flow2:.1f} s = "
          f"{100 * flow2 / flow_s:.1f} % of the full flow; command {wall2:.1f} s = {100 * wall2 / wall:.0f} % "
          f"of the full command (both start a temporary Prefect API)")
    wall3, _, summary3 = served_ingest(folder, wh)
    if summary3:
        print(f"second run against a running Prefect API (as the nightly deployment has): command {wall3:.1f} s "
              f"= {100 * wall3 / wall:.1f} % of the full command, {summary3.get('pages', '?')} pages parsed")
    print_latencies(wh)


def scaled_warehouse(path: Path, n: int) -> float:
    """A warehouse of `n` reports for the query latencies: the bundled samples extracted and tagged once,
    then loaded `n` times as distinct documents spread over 16 years (loading is what this measures
    nothing of; ingesting 1,000 real files would take minutes). Returns the seconds the load took."""
    import hashlib
    from dataclasses import replace

    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from models.nlp import load_nlp
    from models.pipeline import annotate
    from models.settings import TagSettings
    from warehouse.db import connect, migrate
    from warehouse.load import load_document
    from warehouse.runs import finish_run, start_run

    ts = TagSettings()
    nlp = load_nlp(ts)
    sources = []
    for p in sorted((ROOT / "samples" / "pdf").glob("*.pdf")):
        doc = document_from_pdf(str(p), ExtractSettings(ocr=False))
        sources.append((doc, annotate(doc, ts, nlp=nlp)))
    start = time.perf_counter()
    conn = connect(str(path))
    migrate(conn)
    run_id = start_run(conn, "bench")
    for i in range(n):
        doc, ann = sources[i % len(sources)]
        doc_id = hashlib.sha256(f"bench {i}".encode()).hexdigest()
        date = doc.meeting.date
        if date and len(date) == 10:
            date = f"{2010 + i % 16}{date[4:]}"
        copy = replace(doc, doc_id=doc_id, path=f"/bench/{i:04d}_{Path(doc.path).name}",
                       meeting=replace(doc.meeting, date=date))
        load_document(conn, copy, replace(ann, doc_id=doc_id), run_id)
    from flows.pipeline.ingest import archive_extras
    from flows.pipeline.settings import to_settings

    archive_extras(conn, to_settings(None))
    finish_run(conn, run_id)
    conn.close()
    return time.perf_counter() - start


def bench_queries(n: int, work: Path) -> None:
    print(f"\n== query latency on a warehouse of {n} reports")
    wh = work / "scaled.duckdb"
    seconds = scaled_warehouse(wh, n)
    print(f"built in {seconds:.0f} s ({wh.stat().st_size / 2**20:.0f} MB)")
    print_latencies(wh)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200, help="size of the generated corpus")
    ap.add_argument("--scale-reports", type=int, default=1000, help="reports in the warehouse the query latencies use")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpus" / "real_nl"), help="a real corpus folder")
    ap.add_argument("--skip", action="append", default=[], choices=["generated", "real", "queries"],
                    help="leave out one part (repeatable)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if "generated" not in args.skip:
            gen = generated_corpus(Path(tmp) / "generated", args.reports)
            (Path(tmp) / "g").mkdir()
            bench(f"generated corpus ({args.reports} reports built from samples/pdf)", gen, Path(tmp) / "g")
        real = Path(args.real)
        if real.is_dir() and "real" not in args.skip:
            (Path(tmp) / "r").mkdir()
            bench(str(real), sorted(p for p in real.iterdir() if p.suffix.lower() == ".pdf"), Path(tmp) / "r")
        if "queries" not in args.skip:
            bench_queries(args.scale_reports, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
