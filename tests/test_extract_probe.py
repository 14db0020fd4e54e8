"""probe_file on small hostile files made in tmp_path, and sanitising of text and metadata."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, strategies as st

from extract.clean import clean_metadata_value, clean_text
from extract.pdf import document_from_pdf
from extract.probe import ExtractError, probe_file
from extract.settings import ExtractSettings

PDFS = Path(__file__).parent / "pdfs"
S = ExtractSettings()


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not_a_pdf"),
    (b"PK\x03\x04" + b"\x00" * 100, "not_a_pdf"),
    (b"<!DOCTYPE html><html><body>Sessie verlopen</body></html>", "not_a_pdf"),
    ("Verslag van de vergadering\n".encode(), "not_a_pdf"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 40, "corrupt"),
])
def test_probe_reasons(tmp_path, data, reason):
    path = write(tmp_path, "x.pdf", data)
    assert probe_file(path, S).reason == reason
    with pytest.raises(ExtractError) as e:
        document_from_pdf(path, S)
    assert e.value.reason == reason


def test_a_good_pdf_passes_and_counts_pages():
    probe = probe_file(str(PDFS / "headings_footnote.pdf"), S)
    assert (probe.kind, probe.pages, probe.encrypted, probe.reason) == ("pdf", 2, False, None)


def test_too_many_pages(tmp_path):
    pdf = pikepdf.new()
    for _ in range(5):
        pdf.add_blank_page()
    pdf.save(tmp_path / "vijf.pdf")
    probe = probe_file(str(tmp_path / "vijf.pdf"), ExtractSettings(max_pages=4))
    assert probe.pages == 5 and probe.reason == "too_many_pages"


def test_user_password_is_encrypted_owner_password_is_fine(tmp_path):
    src = str(PDFS / "hyphenation.pdf")
    with pikepdf.open(src) as pdf:
        pdf.save(tmp_path / "user.pdf", encryption=pikepdf.Encryption(user="geheim", owner="baas"))
        pdf.save(tmp_path / "owner.pdf", encryption=pikepdf.Encryption(user="", owner="baas",
                                                                        allow=pikepdf.Permissions(extract=False)))
    assert probe_file(str(tmp_path / "user.pdf"), S).reason == "encrypted"
    owner = probe_file(str(tmp_path / "owner.pdf"), S)
    assert owner.encrypted and owner.reason is None
    assert "Noord-Oost" in document_from_pdf(str(tmp_path / "owner.pdf"), S).text


def test_a_truncated_file_is_read_from_a_repaired_copy_and_flagged(tmp_path):
    data = (PDFS / "hyphenation.pdf").read_bytes()
    cut = data[:data.rindex(b"xref")]  # all objects present, xref table and trailer lost
    doc = document_from_pdf(write(tmp_path, "afgebroken.pdf", cut), S)
    assert "repaired" in doc.flags and "Noord-Oost" in doc.text


def test_odd_file_names_round_trip(tmp_path):
    path = tmp_path / "verslag ALV – café 'De Wâl' 😀.PDF"
    shutil.copy(PDFS / "hyphenation.pdf", path)
    assert document_from_pdf(str(path), S).path == str(path)


def test_clean_text_drops_controls_and_resolves_ligatures():
    assert clean_text("a\x00b\ufeffc\u200bd\u00ade\udc00f\ufb01g\u202eh\ufffd") == "abcdeffigh"
    assert clean_text("cafe\u0301") == "café"


@given(st.text())
def test_clean_text_is_idempotent_and_encodable(text):
    once = clean_text(text)
    assert clean_text(once) == once
    once.encode("utf-8")
    assert unicodedata.is_normalized("NFC", once)


def test_clean_metadata_value_survives_garbage():
    deep: dict = {}
    for _ in range(5000):
        deep = {"a": deep}
    assert clean_metadata_value(deep) == "dict"
    assert clean_metadata_value("x" * 10**6) == "x" * 1000
    assert clean_metadata_value(b"\xff\xfeV\x00e\x00r\x00") == "Ver"
