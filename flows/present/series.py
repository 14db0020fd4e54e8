"""The HTML report's section on series: per series what is overdue and forgotten, with a timeline of
each such promise, and the missing reports (warehouse.series_read.series_overview)."""
from __future__ import annotations

import html

from warehouse.series_read import series_overview

_EVENTS = {"promised": "toegezegd", "repeated": "herhaald", "progress": "voortgang", "postponed": "uitgesteld",
           "done": "gedaan", "dropped": "vervallen"}
_STATUSES = {"open": "open", "overdue": "over tijd", "forgotten": "vergeten", "done": "gedaan", "dropped": "vervallen"}


def series_section(conn) -> str:
    e = html.escape
    parts = ['<h2 id="series">Toezeggingen per overlegreeks</h2>']
    overview = series_overview(conn)
    if not overview:
        return parts[0] + "<p>Geen reeksen van twee of meer verslagen.</p>"
    for s in overview:
        counts = ", ".join(f"{_STATUSES.get(k, k)}: {v}" for k, v in sorted(s["counts"].items())) or "geen toezeggingen"
        parts.append(f'<h3>{e(s["name"])}</h3><p>{s["meetings"]} verslagen, {e(s["first"] or "?")} tot '
                     f'{e(s["last"] or "?")}; {e(counts)}.</p>')
        if s["gaps"]:
            parts.append("<p>Ontbrekende verslagen:</p><ul>" + "".join(
                f'<li>{e(g["expected"] or (str(g["after"]) + " – " + str(g["before"])))}: {e(g["evidence"])}</li>'
                for g in s["gaps"]) + "</ul>")
        if not s["late"]:
            parts.append("<p>Niets over tijd of vergeten.</p>")
        for t in s["late"]:
            mark = "vergeten" if t["forgotten"] else "over tijd"
            parts.append(f'<p><b>{e(t["what"])}</b> ({e(t["by"] or "?")}; deadline {e(t["deadline"] or "geen")}'
                         f'{" — " + e(t["deadline_text"]) if t["deadline_text"] else ""}; {mark})</p><ol class="timeline">')
            parts += [f'<li>{e(m["date"] or "?")} {_EVENTS.get(m["event"], m["event"])}: {e(m["quote"])} '
                      f'<small>({e(m["file"])}, p. {m["page"]})</small></li>' for m in t["timeline"]]
            parts.append("</ol>")
    return "\n".join(parts)
