"""OCR of one page: pypdfium2 renders it, the `tesseract` program reads it (Dutch by default).

Tesseract runs as a child process with OMP_THREAD_LIMIT=1 (its OpenMP threads otherwise fight
the per-file workers for the two cores); its TSV output gives words with boxes, grouped here into
the same `Line`s the text layer gives, so OCR'd pages go through the same layout code.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from extract.clean import clean_text
from extract.layout_lines import Line

DPI = 300
MAX_PIXELS_SIDE = 10000  # a page that would render larger than this is not rendered (too_large)


class OcrError(RuntimeError):
    pass


def render_scale(width: float, height: float) -> float | None:
    """Scale for a 300 dpi rendering, or None when the page is too large (or degenerate) to render."""
    scale = DPI / 72
    if width <= 1 or height <= 1 or max(width, height) * scale > MAX_PIXELS_SIDE:
        return None
    return scale


def _lines_from_tsv(tsv: str, page: int, scale: float) -> list[Line]:
    rows: dict[tuple, list] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip() or float(cols[10]) < 0:
            continue
        left, top, w, h = (int(c) / scale for c in cols[6:10])
        rows.setdefault((cols[1], cols[2], cols[3], cols[4]), []).append((left, top, left + w, top + h, cols[11]))
    lines = []
    for words in rows.values():
        text = " ".join(clean_text(" ".join(w[4] for w in words)).split())
        if text:
            heights = sorted(w[3] - w[1] for w in words)
            lines.append(Line(page, min(w[0] for w in words), min(w[1] for w in words), max(w[2] for w in words),
                              max(w[3] for w in words), round(heights[len(heights) // 2], 1), False, False, text))
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def ocr_lines(path: str, page_index: int, language: str, password: str | None = None) -> list[Line]:
    """OCR'd line segments of one page (0-based index), in PDF points; raises OcrError when it fails."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path, password=password)
    try:
        page = pdf[page_index]
        scale = render_scale(*page.get_size())
        if scale is None:
            raise OcrError("page too large to render")
        image = page.render(scale=scale).to_pil()
        page.close()
    finally:
        pdf.close()
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "page.png")
        image.save(png)
        exe = shutil.which("tesseract")
        if exe is None:
            raise OcrError("tesseract is not installed")
        try:
            done = subprocess.run([exe, png, "stdout", "-l", language, "tsv"], capture_output=True,
                                  text=True, env={"OMP_THREAD_LIMIT": "1"}, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise OcrError(f"tesseract failed: {e}") from e
    if done.returncode != 0:
        raise OcrError(f"tesseract failed: {done.stderr.strip()[:200]}")
    # sizes are word-box heights in points: only their relative sizes matter to the layout
    return _lines_from_tsv(done.stdout, page_index + 1, scale)
