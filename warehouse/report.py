"""One self-contained HTML report (opens offline): theme trends, recurring concerns, speakers, new this year."""
from __future__ import annotations

import html
from urllib.parse import quote

from warehouse import ask


def _table(cols: list[str], rows: list[tuple], cell=None) -> str:
    cell = cell or (lambda c, v, r: html.escape("" if v is None else ", ".join(map(str, v)) if isinstance(v, list) else str(v)))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{cell(c, v, r)}</td>" for c, v in zip(cols, r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _trend_chart(cols, rows) -> str:
    import plotly.graph_objects as go

    fig = go.Figure()
    themes = sorted({r[1] for r in rows})
    for t in themes:
        pts = [(r[0], r[4]) for r in rows if r[1] == t]
        fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines+markers", name=t))
    fig.update_layout(title="Aandeel van elk thema per jaar (share of sentences)", xaxis_title="jaar",
                      yaxis_title="aandeel", height=480, margin=dict(l=40, r=20, t=50, b=40))
    return fig.to_html(full_html=False, include_plotlyjs=True, div_id="trends-chart")


def html_report(conn, pseudonymise: bool = False, pdf_folder: str | None = None) -> str:
    """The report as one HTML string (plotly.js inlined: no network needed to view it)."""
    from warehouse.persons import pseudonymiser
    from warehouse.series_html import series_section

    hide = pseudonymiser(conn) if pseudonymise else (lambda rows: [tuple(r) for r in rows])
    t_cols, t_rows = ask.theme_trends(conn)
    c_cols, c_rows = ask.recurring_concerns(conn)
    s_cols, s_rows = ask.speakers(conn)
    c_rows, s_rows = hide(c_rows), hide(s_rows)
    latest = max((r[0] for r in t_rows), default=None)
    seen_before = {r[1] for r in t_rows if latest is not None and r[0] < latest}
    new_themes = sorted({r[1] for r in t_rows if r[0] == latest} - seen_before)
    new_concerns = [r for r in c_rows if latest is not None and r[4] and r[4].year == latest]

    def concern_cell(col, v, row):
        if col != "examples":
            return html.escape(", ".join(map(str, v)) if isinstance(v, list) else str(v))
        items = []
        for ex in v:  # "quote (file.pdf, p. N)"
            quote_text, _, where = ex.rpartition(" (")
            file_name, _, page = where.rstrip(")").partition(", p. ")
            href = (f"{pdf_folder.rstrip('/')}/" if pdf_folder else "") + quote(file_name) + f"#page={page}"
            items.append(f'<li>{html.escape(quote_text)} <a href="{html.escape(href)}">{html.escape(file_name)}, p. {page}</a></li>')
        return "<ul>" + "".join(items) + "</ul>"

    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Verslagen: trends en zorgen</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:1200px}}table{{border-collapse:collapse;width:100%;margin-bottom:2em}}
td,th{{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:90%}}th{{background:#eef}}</style></head><body>
<h1>Wat huurders bezighoudt</h1>
<h2>Thema's per jaar</h2>{_trend_chart(t_cols, t_rows)}
<h2>Nieuw in {latest}</h2><p>Nieuwe thema's: {html.escape(", ".join(new_themes) or "geen")}.
 Zorgen voor het eerst of opnieuw genoemd in {latest}: {len(new_concerns)}.</p>
<h2 id="concerns">Terugkerende zorgen van huurders</h2>{_table(c_cols[1:], [r[1:] for r in c_rows], lambda c, v, r: concern_cell(c, v, r))}
{series_section(conn)}
<h2>Sprekers</h2>{_table(s_cols, s_rows)}
</body></html>"""
