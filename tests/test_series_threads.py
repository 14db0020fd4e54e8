"""Series detection, gaps and commitment threads on an invented series of three meetings (tests/series_fixtures.py)."""
import pytest

from models.series import MeetingInfo, Series, announced_meeting, gaps_in, referred_meetings, series_of
from models.series_input import report_text
from models.threads import series_json, threads_of
from series_fixtures import document, series_documents


@pytest.fixture(scope="module")
def threads():
    reports = [report_text(d, None) for d in series_documents()]
    series = series_of([r.meeting for r in reports])
    assert len(series) == 1 and len(series[0].meetings) == 3
    return series[0], threads_of(series[0], reports), reports


def _thread(threads, words):
    return next(t for t in threads[1] if words in " ".join(m.quote for m in t.mentions))


def test_a_promise_and_its_action_list_item_are_one_thread_closed_by_number(threads):
    lift = _thread(threads, "lift voor 1 mei")
    assert [m.event for m in lift.mentions] == ["promised", "repeated", "done"]
    assert lift.ref == "1" and lift.by == "Bart Hendriks"
    assert lift.status == "done" and lift.deadline == "2023-05-01" and lift.deadline_text == "1 mei 2023"


def test_postponed_then_renumbered_stays_one_thread(threads):
    tuin = _thread(threads, "voorstel voor de tuinen")
    assert [m.event for m in tuin.mentions] == ["promised", "repeated", "postponed", "repeated", "repeated", "repeated"]
    assert tuin.mentions[-1].quote.startswith("1. Voorstel tuinen")  # renumbered: "was actiepunt 2"
    assert tuin.deadline == "2023-12-01" and tuin.status == "open"  # the latest deadline stated


def test_dropped_and_relative_deadline(threads):
    verf = _thread(threads, "schilderwerk")
    assert verf.status == "dropped" and verf.deadline == "2023-03-21"  # binnen twee weken of 7 March


def test_overdue_and_forgotten(threads):
    slot = _thread(threads, "nieuw slot")
    assert slot.status == "overdue" and slot.forgotten  # 1 July passed, not mentioned in the last two meetings
    deuren = _thread(threads, "liftdeuren")
    assert deuren.status == "overdue" and not deuren.forgotten  # mentioned in the second of three meetings
    assert deuren is not _thread(threads, "lift voor 1 mei")  # a new promise does not reopen a done thread


def test_question_about_a_promise_from_before_the_series_is_no_mention(threads):
    quotes = [m.quote for t in threads[1] for m in t.mentions]
    assert not any("bankjes" in q for q in quotes)
    assert not any("opnieuw genummerd" in q for q in quotes)
    assert len(threads[1]) == 5


def test_series_json_has_the_gold_shape_with_provenance(threads):
    series, by, _ = threads
    js = series_json(series, by)
    assert [d["date"] for d in js["documents"]] == ["2023-03-07", "2023-06-13", "2023-10-10"]
    m = js["threads"][0]["mentions"][0]
    assert set(m) >= {"file", "quote", "event", "page", "char_start", "char_end"}
    assert {t["status"] for t in js["threads"]} <= {"open", "done", "dropped", "overdue"}


def test_mention_offsets_point_at_the_quote(threads):
    docs = {d.doc_id: d for d in series_documents()}
    for t in threads[1]:
        for m in t.mentions:
            assert docs[m.doc_id].text[m.start:m.end] == m.quote


def test_referred_and_announced_meetings():
    assert referred_meetings(["Het verslag van 12 maart wordt vastgesteld."], "2024-05-01") == (
        ("2024-03-12", "Het verslag van 12 maart wordt vastgesteld."),)
    assert referred_meetings(["De notulen van de vorige keer 4-2-2025 stilzwijgend vastgesteld"], "2025-05-13")[0][0] == "2025-02-04"
    assert announced_meeting(["Het volgende overleg is op donderdag 28 september 2023."], "2023-03-15") == "2023-09-28"
    assert announced_meeting(["Volgende vergadering: 14 januari."], "2023-11-20") == "2024-01-14"


def _info(i, date, **kw):
    return MeetingInfo(f"d{i}", f"{date}_overleg.pdf", date, "overleg", "periodiek overleg", "Bewonersraad X", **kw)


def test_gaps_referred_and_cadence():
    s = Series("x", "x", (_info(1, "2023-01-10"), _info(2, "2023-04-11", referred=(("2023-01-10", "ok"),)),
                          _info(3, "2023-07-11"), _info(4, "2024-01-09", referred=(("2023-10-10", "Het verslag van 10 oktober"),)),
                          _info(5, "2024-04-09")))
    gaps = gaps_in(s)
    assert [(g.kind, g.expected, g.after, g.before) for g in gaps] == [("referred", "2023-10-10", "2023-07-11", "2024-01-09")]
    s2 = Series("y", "y", tuple(_info(i, d) for i, d in enumerate(["2023-01-10", "2023-04-11", "2023-07-11", "2024-04-09"])))
    assert [(g.kind, g.after, g.before) for g in gaps_in(s2)] == [("cadence", "2023-07-11", "2024-04-09")]


def test_series_detection_keeps_bodies_apart_and_obeys_overrides():
    people = ("Els Wouters", "Joop Kramer", "Tineke Bos")
    a = [MeetingInfo(f"a{i}", f"2023-0{i}-01_overleg_de-vaart.pdf", f"2023-0{i}-01", "overleg",
                     "periodiek overleg De Vaart en Rivierstad", "Bewonersraad De Vaart", people) for i in (1, 4, 7)]
    b = [MeetingInfo(f"b{i}", f"2023-0{i}-02_ledenvergadering_zuid.pdf", f"2023-0{i}-02", "ledenvergadering",
                     "ledenvergadering", "Huurdersvereniging Zuid", ("Piet Jansen", "Ans de Wit")) for i in (3, 9)]
    found = series_of(a + b)
    assert sorted(len(s.meetings) for s in found) == [2, 3]
    assert [m.date for m in found[0].meetings] == ["2023-01-01", "2023-04-01", "2023-07-01"]
    forced = series_of(a + b, {"alles": ["2023-0*"]})
    assert len(forced) == 1 and forced[0].source == "override" and len(forced[0].meetings) == 5


def test_a_report_without_date_or_promises_gives_no_threads():
    d = document("leeg.pdf", None, [("title", "Verslag"), ("paragraph", "Er is niets besproken.")])
    r = report_text(d, None)
    s = series_of([r.meeting])[0]
    assert threads_of(s, [r]) == []


def test_override_file_toml_and_json(tmp_path):
    from models.series import load_overrides

    toml = tmp_path / "series.toml"
    toml.write_text('[series]\nde-vaart = ["*_overleg_de-vaart.pdf", "2022-*"]\n', encoding="utf-8")
    assert load_overrides(str(toml)) == {"de-vaart": ["*_overleg_de-vaart.pdf", "2022-*"]}
    js = tmp_path / "series.json"
    js.write_text('{"series": {"x": "a*.pdf"}}', encoding="utf-8")
    assert load_overrides(str(js)) == {"x": ["a*.pdf"]}
    assert load_overrides("") == {}
