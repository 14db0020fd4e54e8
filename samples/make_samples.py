"""Typesets the bundled sample reports: samples/src/NAME.txt -> samples/fodt/NAME.fodt -> samples/pdf/NAME.pdf.

    .venv/bin/python samples/make_samples.py             # builds what is out of date (needs `soffice`:
                                                         # libreoffice-writer-nogui, hyphen-nl)
    .venv/bin/python samples/make_samples.py --all       # rebuilds every sample
    .venv/bin/python samples/make_samples.py NAME ...    # rebuilds the named samples (NAME = the source's stem)

A sample is out of date when its PDF or FODT is missing or the FODT differs from what its source gives now
(compared without the rendered scan image, which depends on the LibreOffice version). Rebuilding only what
changed keeps the committed PDFs (and their extraction goldens in tests/golden) byte-stable.

The markup (one construct per line, see docs/samples.md): `@header:`/`@footer:`, `# title`, `## heading`,
`- bullet`, footnotes `[^1]` + `[^1]: text`, `!img caption` (photo; the next paragraph flows beside it),
`!box title | text`, `===` (page break), `[cols]`...`[/cols]` (two columns), `!scan` (the rest of the page
becomes an image-only scanned page, with a little noise and skew). Reuses the regression PDFs' ODT helpers.
"""
from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests" / "pdfs"))
from make_pdfs import HEAD, TAIL, h, p, photo_png  # noqa: E402  (the ODT building blocks)

EXTRA_STYLES = """ <style:style style:name="Cols2" style:family="section"><style:section-properties>
  <style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Hyph"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Bullet" style:family="paragraph" style:parent-style-name="Hyph"><style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.4cm"/></style:style>
</office:automatic-styles>"""
LO_PROFILE = "-env:UserInstallation=file:///tmp/verslagen-lo-profile"


def _inline(text: str, notes: dict[str, str]) -> str:
    out, last = [], 0
    for m in re.finditer(r"\[\^(\d+)\]", text):
        out.append(escape(text[last:m.start()]))
        n = m.group(1)
        out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
                   f'<text:note-body><text:p text:style-name="Footnote">{escape(notes.get(n, ""))}</text:p></text:note-body></text:note>')
        last = m.end()
    return "".join(out) + escape(text[last:])


def _photo(caption: str, n: int) -> str:
    return ('<draw:frame draw:style-name="Photo" draw:name="foto%d" text:anchor-type="paragraph" svg:width="5.5cm" '
            'svg:height="4cm" svg:x="0cm" svg:y="0cm" draw:z-index="0"><draw:image><office:binary-data>%s'
            '</office:binary-data></draw:image></draw:frame><draw:frame draw:style-name="Photo" draw:name="onderschrift%d" '
            'text:anchor-type="paragraph" svg:width="5.5cm" svg:x="0cm" svg:y="4.1cm" draw:z-index="1"><draw:text-box '
            'fo:min-height="0.8cm"><text:p text:style-name="Onderschrift">%s</text:p></draw:text-box></draw:frame>'
            % (n, photo_png(), n, escape(caption)))


def _box(spec: str, n: int) -> str:
    title, _, body = spec.partition("|")
    return ('<text:p text:style-name="Standard"><draw:frame draw:style-name="Box" draw:name="kader%d" text:anchor-type="paragraph" '
            'svg:width="6.5cm" svg:x="10cm" svg:y="0cm" draw:z-index="2"><draw:text-box fo:min-height="2cm">'
            '<text:p text:style-name="H2">%s</text:p><text:p text:style-name="Klein">%s</text:p></draw:text-box></draw:frame></text:p>\n'
            % (n, escape(title.strip()), escape(body.strip())))


def body_of(lines: list[str], notes: dict[str, str]) -> str:
    out, pending_photo, n = [], "", 0
    for line in lines:
        n += 1
        if line == "===":
            out.append('<text:p text:style-name="PB"/>\n')
        elif line.startswith("# "):
            out.append(p(escape(line[2:]), "Title"))
        elif line.startswith("## "):
            out.append(h(line[3:], 1))
        elif line.startswith("- "):
            out.append(p("• " + _inline(line[2:], notes), "Bullet"))
        elif line.startswith("!img "):
            pending_photo = _photo(line[5:], n)
        elif line.startswith("!box "):
            out.append(_box(line[5:], n))
        elif line == "[cols]":
            out.append('<text:section text:style-name="Cols2" text:name="kolommen%d">\n' % n)
        elif line == "[/cols]":
            out.append("</text:section>\n")
        else:
            out.append(p(pending_photo + _inline(line, notes), "Hyph"))
            pending_photo = ""
    return "".join(out)


def fodt_of(src: str, scan_png: bytes | None = None) -> str:
    header = footer = ""
    lines, notes = [], {}
    for raw in src.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@header:"):
            header = line.split(":", 1)[1].strip()
        elif line.startswith("@footer:"):
            footer = line.split(":", 1)[1].strip()
        elif m := re.match(r"\[\^(\d+)\]:\s*(.*)", line):
            notes[m.group(1)] = m.group(2)
        else:
            lines.append(line)
    hf = (f'<style:header><text:p text:style-name="Klein">{escape(header)}</text:p></style:header>'
          f'<style:footer><text:p text:style-name="Klein">{escape(footer)} - pagina <text:page-number/> van '
          f'<text:page-count/></text:p></style:footer>') if header or footer else ""
    if "!scan" in lines:
        lines = lines[:lines.index("!scan")]
    body = body_of(lines, notes)
    if scan_png is not None:
        body += ('<text:p text:style-name="PB"><draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="16.4cm" '
                 'svg:height="23.2cm" draw:z-index="3"><draw:image><office:binary-data>%s</office:binary-data></draw:image>'
                 '</draw:frame></text:p>\n' % base64.b64encode(scan_png).decode())
    head = HEAD.replace("</office:automatic-styles>", EXTRA_STYLES).replace("HEADER", hf).replace("COLUMNS", "")
    return head + body + TAIL


def scanned_page(src: str, workdir: Path) -> bytes | None:
    """Typesets the part after `!scan` on its own, renders it to a noisy, slightly skewed PNG (no text layer)."""
    if "\n!scan" not in src:
        return None
    from PIL import Image, ImageFilter
    import random

    part = src.split("\n!scan", 1)[1].split("\n===", 1)[0]
    scan_src = workdir / "scan.fodt"
    scan_src.write_text(fodt_of(part), encoding="utf-8")
    subprocess.run(["soffice", LO_PROFILE, "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(scan_src)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-gray", "-singlefile", "-f", "1", "-l", "1",
                    str(workdir / "scan.pdf"), str(workdir / "scan")], check=True, timeout=120)
    img = Image.open(workdir / "scan.png").convert("L").rotate(0.6, fillcolor=255, expand=False)
    rnd = random.Random(7)
    px = img.load()
    for _ in range(img.width * img.height // 3000):
        x, y = rnd.randrange(img.width), rnd.randrange(img.height)
        px[x, y] = rnd.choice((0, 80, 200))
    img = img.filter(ImageFilter.GaussianBlur(0.3))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


SCAN_FRAME = re.compile(r'<text:p text:style-name="PB"><draw:frame draw:name="scan".*?</text:p>\n', re.S)


def up_to_date(src_path: Path) -> bool:
    """True when the committed FODT is what the source gives now (scan image aside) and the PDF exists."""
    fodt, pdf = ROOT / "fodt" / f"{src_path.stem}.fodt", ROOT / "pdf" / f"{src_path.stem}.pdf"
    if not (fodt.exists() and pdf.exists()):
        return False
    src = src_path.read_text(encoding="utf-8")
    return SCAN_FRAME.sub("", fodt.read_text(encoding="utf-8")) == fodt_of(src)


def main(argv: list[str]) -> int:
    everything = sorted((ROOT / "src").glob("*.txt"))
    names = [a for a in argv if not a.startswith("-")]
    unknown = sorted(set(names) - {s.stem for s in everything})
    if unknown or any(a not in ("--all",) for a in argv if a.startswith("-")):
        print(f"usage: make_samples.py [--all | NAME ...]; unknown: {' '.join(unknown) or argv}", file=sys.stderr)
        return 2
    if "--all" in argv:
        sources = everything
    elif names:
        sources = [s for s in everything if s.stem in names]
    else:
        sources = [s for s in everything if not up_to_date(s)]
    if not sources:
        print("all samples up to date", file=sys.stderr)
        return 0
    (ROOT / "fodt").mkdir(exist_ok=True)
    (ROOT / "pdf").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for src_path in sources:
            src = src_path.read_text(encoding="utf-8")
            fodt = ROOT / "fodt" / f"{src_path.stem}.fodt"
            fodt.write_text(fodt_of(src, scanned_page(src, Path(tmp))), encoding="utf-8")
        subprocess.run(["soffice", LO_PROFILE, "--headless", "--convert-to", "pdf", "--outdir", str(ROOT / "pdf"),
                        *[str(ROOT / "fodt" / f"{s.stem}.fodt") for s in sources]],
                       check=True, capture_output=True, timeout=600)
    for s in sources:
        print(ROOT / "pdf" / f"{s.stem}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
