"""The HTML report a council prints: Dutch, A4, small, static charts, named new items, links to the page (issue 18)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from flows.cli import main
from flows.pipeline.ingest import archive_extras
from flows.pipeline.settings import to_settings
from flows.present.report import html_report
from warehouse.load import finish_run, load_document, start_run
from warehouse.publish import Writer, open_reader
from warehouse_fixtures import report_2022, report_2023

ENGLISH = ("raised_by", "housing_corporation", "civil_servant", "floor", "tenant", "first_seen", "examples",
           "meetings", "politician", "chair")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Two reports, concerns clustered as the ingest flow clusters them (schimmel comes back in 2023)."""
    path = str(tmp_path_factory.mktemp("report") / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        archive_extras(w.conn, to_settings(None))  # what the ingest flow does at the end
        finish_run(w.conn, run)
        w.publish()
    return path


@pytest.fixture(scope="module")
def page(published):
    conn = open_reader(published)
    try:
        return html_report(conn, pseudonymise=True, today=dt.date(2026, 12, 4))
    finally:
        conn.close()


def visible(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))


def test_report_is_small_and_has_no_scripts(page):
    assert len(page.encode()) < 1_000_000
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert page.count("<svg") >= 3  # small multiples, one per theme


def test_report_is_dutch_throughout(page):
    text = visible(page)
    words = set(re.findall(r"[a-z_]+", text))
    assert not words & set(ENGLISH), words & set(ENGLISH)
    assert 'lang="nl"' in page and "Genoemd door" in text and "voorzitter" in text and "politicus" in text


def test_first_page_names_organisation_period_and_date(page):
    head = visible(page.split('<h2 id="nieuw">')[0])
    assert "Huurdersraad Zuid" in head
    assert "3 maart 2022 tot en met 10 mei 2023" in head and "(2 verslagen)" in head
    assert "4 december 2026" in head


def test_new_and_recurring_items_are_named(page):
    new = page.split('<h2 id="nieuw">')[1].split('<h2 id="themas">')[0]
    first, again = new.split("opnieuw genoemd")
    assert "huurverhoging" in first and "Betaalbaarheid" in first  # first raised in 2023, by name
    assert "schimmel" in again and "eerder genoemd op 3 maart 2022" in again
    recurring = page.split('<h2 id="concerns">')[1].split("<h2")[0]
    assert "schimmel" in recurring and "huurverhoging" not in recurring  # once only: not recurring


def test_theme_by_year_table(page):
    table = page.split('<h2 id="themas">')[1].split("</table>")[0]
    row = table.split("Onderhoud en woonkwaliteit")[1].split("</tr>")[0]
    assert re.findall(r">(\d+%|–)<", row)[:2] == ["67%", "33%"]


def test_links_open_the_pdf_at_its_page_wherever_the_html_is(page, published):
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs and all(h.startswith("file:///") and h.endswith("#page=1") for h in hrefs)
    conn = open_reader(published)
    try:
        based = html_report(conn, pdf_base="https://intranet.example/verslagen/")
    finally:
        conn.close()
    assert 'href="https://intranet.example/verslagen/2022-03-03_bewonersavond.pdf#page=1"' in based


def test_pseudonymised(page):
    assert "Pietersen" not in page and "Karel Smit" in page


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium is installed by scripts/install-system.sh")
def test_report_renders_in_a_real_browser(published, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "--warehouse", published, "--out", str(out)]) == 0
    proc = _chromium(tmp_path, "--virtual-time-budget=5000", "--dump-dom", out.as_uri())
    dom = proc.stdout
    assert "<svg" in dom and "<rect" in dom, "no chart drawn"
    assert 'id="concerns"' in dom and "schimmel" in dom
    errors = [ln for ln in proc.stderr.splitlines() if "CONSOLE" in ln and ("Error" in ln or "error" in ln)]
    assert not errors, errors


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdfinfo") and shutil.which("pdftotext")),
                    reason="chromium and poppler-utils are installed by scripts/install-system.sh")
def test_report_prints_on_a4_without_a_toolbar(published, tmp_path):
    out = tmp_path / "report.html"
    pdf = tmp_path / "report.pdf"
    assert main(["report", "--warehouse", published, "--out", str(out)]) == 0
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Wat huurders bezighoudt" in text and "Terugkerende zorgen" in text
    for toolbar in ("Download plot", "Autoscale", "Zoom in", "Reset axes", "plotly"):
        assert toolbar not in text
