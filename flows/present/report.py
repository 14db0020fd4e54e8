"""One self-contained HTML report a council prints and discusses (Dutch, A4, no scripts, well under 1 MB).

First page: organisation, period covered, number of reports and the date of making. Then what is new
and what came back in the latest year (named, with quotes), themes per year as a table and as small
multiples (static SVG drawn here, one small chart per theme on the same scale), recurring concerns
(raised in two or more meetings) with quotes and links that open the PDF at its page, and speakers.
Links are absolute file URIs of the ingested PDFs, or `pdf_base` + file name (e.g. an intranet URL).
"""
from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from urllib.parse import quote

from warehouse import ask
from warehouse.labels import COLUMNS_NL, TRENDS_NL, speaker_kind_nl, voice_nl

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.35}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}
h3{font-size:1em;margin:.8em 0 .2em}
.meta{font-size:1.05em;margin:.2em 0}.meta b{display:inline-block;min-width:9em}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}
td,th{border:1px solid #bbb;padding:3px 5px;vertical-align:top;font-size:.85em;text-align:left}
th{background:#e8eef4}td.num,th.num{text-align:right}
ul.quotes{margin:0;padding-left:1.1em}ul.quotes li{margin-bottom:.2em}
.multiples{display:flex;flex-wrap:wrap;gap:.8em 1.4em}.multiples figure{margin:0;width:11.5em}
.multiples figcaption{font-size:.8em;font-weight:bold}
.note{font-size:.85em;color:#555}
@page{size:A4;margin:16mm 14mm}
@media print{body{margin:0;max-width:none;font-size:10pt}a{color:#000;text-decoration:none}
 h2{break-after:avoid}tr,figure,li{break-inside:avoid}.screen-only{display:none}}
"""


def dutch_date(d) -> str:
    if d is None:
        return "onbekend"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


def _theme_labels() -> dict[str, str]:
    from models.themes import load_taxonomy

    try:
        return {t.key: t.label for t in load_taxonomy("taxonomy.v1").themes}
    except (OSError, ValueError):
        return {}


def pdf_link(path: str | None, file_name: str, page, pdf_base: str | None) -> str:
    """A link that opens the PDF at its page wherever the HTML file is opened."""
    anchor = f"#page={page}" if page else ""
    if pdf_base:
        return pdf_base.rstrip("/") + "/" + quote(file_name) + anchor
    return Path(os.path.abspath(path or file_name)).as_uri() + anchor


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """headers are plain text; cells are HTML already."""
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{_esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{c}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def small_multiple(values: list[tuple[int, float]], years: list[int], top: float, width: int = 170,
                   height: int = 70) -> str:
    """One theme's share per year as a static SVG bar chart (all charts share the y-scale `top`)."""
    n = max(len(years), 1)
    bar = (width - 10) / n
    by_year = dict(values)
    parts = [f'<svg width="{width}" height="{height + 14}" '
             f'viewBox="0 0 {width} {height + 14}" role="img">',
             f'<line x1="5" y1="{height}" x2="{width - 5}" y2="{height}" stroke="#888" stroke-width="1"/>']
    for i, y in enumerate(years):
        v = by_year.get(y, 0.0)
        h = 0 if not top else (height - 4) * v / top
        x = 5 + i * bar
        parts.append(f'<rect x="{x + 1:.1f}" y="{height - h:.1f}" width="{max(bar - 2, 1):.1f}" height="{h:.1f}" '
                     f'fill="#2f6f9f"><title>{y}: {v * 100:.1f}%</title></rect>')
    for i, y in ((0, years[0]), (len(years) - 1, years[-1])) if years else ():
        anchor = "start" if i == 0 else "end"
        x = 5 if i == 0 else width - 5
        parts.append(f'<text x="{x}" y="{height + 12}" font-size="10" text-anchor="{anchor}">{y}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_report(conn, pseudonymise: bool = False, pdf_base: str | None = None, today: dt.date | None = None) -> str:
    """The report as one HTML string: no scripts, no network, Dutch labels throughout."""
    from flows.present.series import series_section
    from warehouse.persons import pseudonymiser

    hide = pseudonymiser(conn) if pseudonymise else (lambda rows: [tuple(r) for r in rows])
    labels = _theme_labels()
    label = lambda key: labels.get(key, key.replace("_", " "))  # noqa: E731
    today = today or dt.date.today()

    docs = conn.execute("SELECT file_name, path, meeting_date, organisation FROM v_documents "
                        "ORDER BY meeting_date NULLS LAST, file_name, doc_id").fetchall()
    paths = {}
    for file_name, path, _, _ in docs:
        paths.setdefault(file_name, path)
    dates = [d for _, _, d, _ in docs if d is not None]
    orgs: dict[str, int] = {}
    for *_, org in docs:
        if org:
            orgs[org] = orgs.get(org, 0) + 1
    organisation = ", ".join(sorted(orgs, key=lambda o: (-orgs[o], o))[:3]) or "onbekend"

    t_cols, t_rows = ask.theme_trends(conn)
    c_cols, c_rows = ask.recurring_concerns(conn)
    s_cols, s_rows = ask.speakers(conn)
    c_rows, s_rows = hide(c_rows), hide(s_rows)
    concerns = [dict(zip(c_cols, r)) for r in c_rows]
    trends = [dict(zip(t_cols, r)) for r in t_rows]
    years = sorted({t["year"] for t in trends})
    latest = years[-1] if years else None

    def link(ex) -> str:
        href = pdf_link(paths.get(ex["file"]), ex["file"], ex["page"], pdf_base)
        return (f'{_esc(ex["quote"])} <a href="{_esc(href)}">{_esc(ex["file"])}, p. {_esc(ex["page"])}</a>')

    def quotes(examples) -> str:
        return '<ul class="quotes">' + "".join(f"<li>{link(ex)}</li>" for ex in examples or []) + "</ul>"

    def themes_of(keys) -> str:
        return _esc(", ".join(label(k) for k in keys or []))

    # new and recurring in the latest year, named
    seen_before = {t["theme"] for t in trends if latest is not None and t["year"] < latest}
    new_themes = sorted({t["theme"] for t in trends if t["year"] == latest} - seen_before, key=label)
    in_latest = [c for c in concerns if latest is not None and c["last_seen"] and c["last_seen"].year == latest]
    new_concerns = [c for c in in_latest if c["first_seen"].year == latest]
    again = [c for c in in_latest if c["first_seen"].year < latest]

    def concern_items(items) -> str:
        if not items:
            return "<p>Geen.</p>"
        return ('<ul class="quotes">' + "".join(
            f"<li><b>{themes_of(c['categories']) or 'zonder thema'}</b>: {link(c['examples'][0])}"
            + (f" <span class=note>(eerder genoemd op {dutch_date(c['first_seen'])}, in {c['meetings']} "
               f"vergaderingen)</span>" if c["first_seen"].year != latest else "") + "</li>"
            for c in items) + "</ul>")

    # themes per year: table and small multiples
    share = {(t["theme"], t["year"]): float(t["share"] or 0) for t in trends}
    theme_keys = sorted({t["theme"] for t in trends}, key=lambda k: (-sum(share.get((k, y), 0) for y in years), label(k)))
    top = max(share.values(), default=0.0)
    trend_last = {t["theme"]: t["trend"] for t in trends if t["year"] == latest}
    year_table = _table(["Thema"] + [str(y) for y in years] + ["Trend " + (str(latest) if latest else "")],
                        [[_esc(label(k))] + [f"{share[(k, y)] * 100:.0f}%" if (k, y) in share else "–" for y in years]
                         + [_esc(TRENDS_NL.get(trend_last.get(k, ""), trend_last.get(k, "")))] for k in theme_keys],
                        numeric=set(range(1, len(years) + 1)))
    multiples = "".join(
        f"<figure><figcaption>{_esc(label(k))}</figcaption>"
        f"{small_multiple([(y, share[(k, y)]) for y in years if (k, y) in share], years, top)}</figure>"
        for k in theme_keys)

    recurring = [c for c in concerns if c["meetings"] >= 2]
    recurring_table = _table(
        ["Thema's", "Vergaderingen", "Jaren", "Eerst genoemd", "Laatst genoemd", "Genoemd door", "Voorbeelden"],
        [[themes_of(c["categories"]), _esc(c["meetings"]), _esc(c["years"]), _esc(dutch_date(c["first_seen"])),
          _esc(dutch_date(c["last_seen"])), _esc(", ".join(voice_nl(v) for v in c["raised_by"] or [])),
          quotes(c["examples"])] for c in recurring], numeric={1, 2}) if recurring else \
        "<p>Geen zorg is in meer dan één vergadering genoemd.</p>"

    speakers = [dict(zip(s_cols, r)) for r in s_rows]
    speaker_table = _table(
        [COLUMNS_NL[c].capitalize() for c in ("name", "kind", "roles", "organisations", "meetings", "first_meeting",
                                 "last_meeting", "sentences", "concerns")],
        [[_esc(s["name"]), _esc(speaker_kind_nl(s["kind"])), _esc(", ".join(s["roles"] or [])),
          _esc(", ".join(s["organisations"] or [])), _esc(s["meetings"]), _esc(dutch_date(s["first_meeting"])),
          _esc(dutch_date(s["last_meeting"])), _esc(s["sentences"]), _esc(s["concerns"])] for s in speakers],
        numeric={4, 7, 8})

    no_new = f"Geen: alle thema’s van {_esc(latest or '')} kwamen eerder ook voor."
    period = f"{dutch_date(min(dates))} tot en met {dutch_date(max(dates))}" if dates else "onbekend"
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wat huurders bezighoudt: {_esc(organisation)}</title><style>{CSS}</style></head><body>
<header>
<h1>Wat huurders bezighoudt</h1>
<p class="meta"><b>Organisatie</b> {_esc(organisation)}</p>
<p class="meta"><b>Periode</b> {_esc(period)} ({len(docs)} verslagen)</p>
<p class="meta"><b>Gemaakt op</b> {_esc(dutch_date(today))}</p>
<p class="note">Elke zorg en elk citaat verwijst naar het verslag en de pagina; klik om de PDF op die pagina te openen.
{'Namen van huurders zijn vervangen door schuilnamen.' if pseudonymise else ''}</p>
</header>
<h2 id="nieuw">Nieuw en terug in {_esc(latest or '')}</h2>
<h3>Nieuwe thema's</h3><p>{themes_of(new_themes) or no_new}</p>
<h3>Zorgen die in {_esc(latest or '')} voor het eerst genoemd zijn ({len(new_concerns)})</h3>{concern_items(new_concerns)}
<h3>Zorgen die in {_esc(latest or '')} opnieuw genoemd zijn ({len(again)})</h3>{concern_items(again)}
<h2 id="themas">Thema's per jaar</h2>
<p class="note">Aandeel van de zinnen in de verslagen van dat jaar over het thema; de trend vergelijkt het laatste jaar met het jaar ervoor.</p>
{year_table}
<div class="multiples">{multiples}</div>
<h2 id="concerns">Terugkerende zorgen van huurders</h2>
<p class="note">Zorgen die in twee of meer vergaderingen genoemd zijn, de vaakst genoemde eerst.</p>
{recurring_table}
{series_section(conn)}
<h2 id="sprekers">Sprekers</h2>{speaker_table}
</body></html>"""
