"""Writes the regression PDFs' sources (tests/pdfs/*.fodt) and typesets them with LibreOffice.

    .venv/bin/python tests/pdfs/make_pdfs.py      # needs `soffice` (libreoffice-writer-nogui)

The texts are invented for these tests. Each PDF exercises one layout problem; the expected
extraction is in tests/golden/<name>.txt (regenerate with `pytest --regenerate-goldens`).
"""
from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="11pt" fo:language="nl" fo:country="NL"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Onderschrift" style:family="paragraph"><style:text-properties fo:font-size="8pt" fo:font-style="italic"/></style:style>
 <style:style style:name="Klein" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="Wit" style:family="text"><style:text-properties fo:color="#ffffff"/></style:style>
 <style:style style:name="Hyph" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/>
  <style:text-properties fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm">COLUMNS</style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
 <style:style style:name="Box" style:family="graphic"><style:graphic-properties fo:background-color="#dde4ee" fo:padding="0.2cm"
  fo:border="none" style:wrap="parallel" style:run-through="foreground" style:horizontal-pos="from-left" style:horizontal-rel="paragraph" style:vertical-pos="from-top" style:vertical-rel="paragraph"/></style:style>
 <style:style style:name="Photo" style:family="graphic"><style:graphic-properties style:wrap="right" fo:border="none"
  style:horizontal-pos="from-left" style:horizontal-rel="paragraph" style:vertical-pos="from-top" style:vertical-rel="paragraph" fo:margin-right="0.4cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">HEADER</style:master-page></office:master-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"
HEADER_FOOTER = """<style:header><text:p text:style-name="Klein">Huurdersvereniging De Proefwijk</text:p></style:header>
<style:footer><text:p text:style-name="Klein">Verslag ledenvergadering 12 mei 2025 - pagina <text:page-number/> van <text:page-count/></text:p></style:footer>"""


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>\n'


def h(text: str, level: int) -> str:
    return f'<text:h text:style-name="H{level}" text:outline-level="{level}">{escape(text)}</text:h>\n'


def note(n: int, text: str) -> str:
    return (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="Footnote">{escape(text)}</text:p></text:note-body></text:note>')


def photo_png() -> str:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (300, 220), (120, 150, 180))
    ImageDraw.Draw(img).ellipse((80, 40, 220, 180), fill=(230, 200, 90))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode()


SENT = ("De bewoners van het complex aan de Lindelaan spraken over de plannen van de verhuurder. "
        "Een bewoonster vroeg wanneer de kozijnen worden vervangen. ")

DOCS = {
    "headings_footnote": (HEADER_FOOTER, "", "".join([
        p("Verslag ledenvergadering 12 mei 2025", "Title"),
        p(escape("Aanwezig: 23 leden en het bestuur. De voorzitter, mevr. J. de Vries, opent om 19.30 uur de vergadering.")),
        h("1. Huurverhoging", 1),
        p(escape("Het bestuur heeft o.a. advies gegeven over de huurverhoging van ca. 5 procent.") + note(1, "Het advies staat op de website van de vereniging.")
          + escape(" Leden vinden de verhoging te hoog, zegt de voorzitter.")),
        h("Reactie van de verhuurder", 2),
        p(escape("De verhuurder antwoordt dat de huur niet verder stijgt dan afgesproken. Waarom duurt dat zo lang? vraagt een aanwezige.")),
        p(escape("- energiekosten blijven een zorg voor veel huurders")),
        p(escape("- de servicekosten moeten eerder worden afgerekend")),
        h("2. Rondvraag", 1),
        p(escape(SENT * 34)),
        h("3. Sluiting", 1),
        p(escape("De voorzitter sluit om 21.45 uur de vergadering en dankt alle aanwezigen.")),
    ])),
    "hyphenation": (HEADER_FOOTER, "", "".join([
        p("Woonwijk in beweging", "Title"),
        p("De wijkcommissie sprak met be-<text:line-break/>woners van Noord-<text:line-break/>Oost en Vleuten-<text:line-break/>"
          "De Meern over de plannen. Iedereen mag mee-<text:line-break/>praten."),
        p(escape("Het gesprek ging over de huurverhoging, de energierekening, de onderhoudsachterstand en de "
                 "bereikbaarheid van de verhuurder; bewonerscommissies, huurdersverenigingen en "
                 "woningcorporaties maakten samen afspraken over prestatieafspraken en leefbaarheid. ") * 4, "Hyph"),
    ])),
    "two_columns": (HEADER_FOOTER, '<style:columns fo:column-count="2" fo:column-gap="0.8cm"/>', "".join([
        h("Bewonersavond De Proefwijk", 1),
        p(escape("Linkerkolom begint hier. " + SENT * 6 + "Einde van de linkerkolom is bereikt.")),
        h("Tweede onderwerp", 2),
        p(escape("Rechterkolom begint hier. " + SENT * 7 + "Einde van de rechterkolom.")),
    ])),
    "picture_box": (HEADER_FOOTER, "", "".join([
        p("Themabijeenkomst over de buurt", "Title"),
        '<text:p text:style-name="Standard"><draw:frame draw:style-name="Photo" draw:name="foto" text:anchor-type="paragraph" '
        'svg:width="6cm" svg:height="4.4cm" svg:x="0cm" svg:y="0cm" draw:z-index="0"><draw:image><office:binary-data>'
        + photo_png() + '</office:binary-data></draw:image></draw:frame>'
        '<draw:frame draw:style-name="Photo" draw:name="onderschrift" text:anchor-type="paragraph" svg:width="6cm" svg:x="0cm" '
        'svg:y="4.5cm" draw:z-index="1"><draw:text-box fo:min-height="0.8cm"><text:p text:style-name="Onderschrift">'
        'Wethouder Pietersen bij de opening van de bijeenkomst</text:p></draw:text-box></draw:frame>'
        + escape("Naast de foto staat de lopende tekst. " + SENT * 6 + "Dit is het einde van de tekst naast de foto.") + "</text:p>\n",
        p(escape("Onder de foto loopt de tekst over de volle breedte verder. " + SENT * 2)),
        '<text:p text:style-name="Standard"><draw:frame draw:style-name="Box" draw:name="kader" text:anchor-type="paragraph" '
        'svg:width="6.5cm" svg:x="9.6cm" svg:y="0cm" draw:z-index="2"><draw:text-box fo:min-height="2.5cm"><text:p text:style-name="H2">Feiten in het kort</text:p>'
        '<text:p text:style-name="Klein">In 2024 kwamen 48 klachten over lekkage binnen bij de verhuurder.</text:p>'
        '</draw:text-box></draw:frame>' + escape("Naast het kader staat de gewone tekst. " + SENT * 5) + "</text:p>\n",
    ])),
    "hidden_text": (HEADER_FOOTER, "", "".join([
        p("Verslag met verborgen tekst", "Title"),
        p(escape("De zichtbare tekst gaat over de lift. ") + '<text:span text:style-name="Wit">'
          + escape("Geheime notitie: bel mevrouw Pietersen op 0612345678.") + "</text:span>"),
        '<text:p text:style-name="Standard"><draw:frame draw:style-name="Box" draw:name="banner" text:anchor-type="paragraph" '
        'svg:width="8cm" svg:x="0cm" svg:y="0cm" draw:z-index="0"><draw:text-box fo:min-height="1.5cm">'
        '<text:p text:style-name="Standard"><text:span text:style-name="Wit">Witte tekst op een gekleurd vlak is wel te zien.'
        '</text:span></text:p></draw:text-box></draw:frame></text:p>\n',
    ])),
}


def main() -> int:
    for name, (header, columns, body) in DOCS.items():
        src = HERE / f"{name}.fodt"
        src.write_text(HEAD.replace("HEADER", header).replace("COLUMNS", columns) + body + TAIL, encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(src)],
                       check=True, capture_output=True, timeout=120)
        print(HERE / f"{name}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
