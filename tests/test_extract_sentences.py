"""The Dutch sentence splitter, and the offset invariants of blocks and sentences (hypothesis)."""
from __future__ import annotations

import time

from hypothesis import given, settings, strategies as st

from extract.document import BLOCK_SEPARATOR, BBox, Block
from extract.sentences import sentences_of, spans_of


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in spans_of(text)]


def blocks(*items: tuple[str, str]) -> tuple[Block, ...]:
    out, pos = [], 0
    for kind, text in items:
        out.append(Block(kind, text, 1, BBox(0, 0, 1, 1), pos, pos + len(text)))
        pos += len(text) + len(BLOCK_SEPARATOR)
    return tuple(out)


def test_plain_sentences():
    assert split("De huur stijgt. Bewoners zijn boos! Wat nu? Niemand weet het.") == [
        "De huur stijgt.", "Bewoners zijn boos!", "Wat nu?", "Niemand weet het."]


def test_abbreviations_do_not_end_a_sentence():
    text = ("Mevr. Jansen en dhr. Bakker (mw. Smit afwezig) spraken t.b.v. de commissie o.a. over nr. 12, "
            "bijv. de lift, ca. 40 woningen enz. Daarna de rondvraag.")
    assert split(text) == [text[:text.index(" Daarna")], "Daarna de rondvraag."]


def test_initials_amounts_and_question_inside_a_sentence():
    assert split("Volgens J. de Vries kost het € 1,- per maand. Klopt dat?") == [
        "Volgens J. de Vries kost het € 1,- per maand.", "Klopt dat?"]
    assert split("Waarom duurt dat zo lang? vraagt een aanwezige. De voorzitter knikt.") == [
        "Waarom duurt dat zo lang? vraagt een aanwezige.", "De voorzitter knikt."]
    assert split('"Wanneer komt de monteur?", vraagt een bewoner. Niemand weet het.') == [
        '"Wanneer komt de monteur?", vraagt een bewoner.', "Niemand weet het."]


def test_quotes_close_the_sentence():
    assert split('Hij zei: "Dat klopt niet." Toen ging hij zitten.') == [
        'Hij zei: "Dat klopt niet."', "Toen ging hij zitten."]


def test_headings_and_list_items_are_whole_sentences_and_never_merge():
    bs = blocks(("heading", "2. Rondvraag"), ("list_item", "de lift is kapot"), ("paragraph", "Het klopt. Echt."))
    got = [(s.block, s.text) for s in sentences_of(bs)]
    assert got == [(0, "2. Rondvraag"), (1, "de lift is kapot"), (2, "Het klopt."), (2, "Echt.")]


def test_a_long_line_without_punctuation_is_linear():
    text = "woord " * 10_000 + ". En " + "a. " * 10_000
    start = time.perf_counter()
    spans_of(text)
    assert time.perf_counter() - start < 1.0


words = st.text(alphabet="abcdeJKL .?!,\"'€-0123456789\u00e9", min_size=0, max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "list_item", "footnote"]), words), max_size=8))
def test_sentences_stay_inside_their_block(items):
    bs = blocks(*items)
    text = BLOCK_SEPARATOR.join(b.text for b in bs)
    for b in bs:
        assert text[b.start:b.end] == b.text
    for s in sentences_of(bs):
        b = bs[s.block]
        assert b.start <= s.start < s.end <= b.end
        assert text[s.start:s.end] == s.text and s.text.strip()


def test_ordinary_words_that_look_like_abbreviations_still_end_a_sentence():
    assert split("Dat is zo. Zij is lid. Hij heet Jan. De rest volgt.") == [
        "Dat is zo.", "Zij is lid.", "Hij heet Jan.", "De rest volgt."]
    assert split("Afgesproken is dat d.d. 9 juli het verslag komt. Dat is z.s.m. Klaar.") == [
        "Afgesproken is dat d.d. 9 juli het verslag komt.", "Dat is z.s.m. Klaar."]


def test_an_ocr_bullet_inside_a_paragraph_starts_a_new_item():
    text = "« Woonpunt controleert de goten in mei. « De commissie stuurt de lijst rond."
    assert [text[a:b] for a, b in spans_of(text)] == ["« Woonpunt controleert de goten in mei.",
                                                      "« De commissie stuurt de lijst rond."]
