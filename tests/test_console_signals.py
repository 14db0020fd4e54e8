"""Fast checks of the operator console's pieces: signal handling, the next-run line, the run summary's times.
(The real thing, with processes and Prefect, is in test_flows_console.py.)"""
from __future__ import annotations

import io
import json
import os
import signal
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from flows.cli.ingest import print_summary
from flows.cli.serve import due_line
from flows.orchestration.run import Interrupted, stop_on_signals
from flows.pipeline.outcomes import RunSummary

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_interrupts_once_even_when_sigint_was_ignored(sig):
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a shell starts `cmd &` like this
    try:
        with pytest.raises(KeyboardInterrupt):
            with stop_on_signals() as received:
                os.kill(os.getpid(), sig)
                for _ in range(1000):  # the handler runs between bytecodes
                    pass
        assert received == [sig]
        with stop_on_signals() as received:
            try:
                os.kill(os.getpid(), sig)
                for _ in range(1000):
                    pass
            except KeyboardInterrupt:
                os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C during the cleanup is ignored
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):
                    pass
        assert received == [sig]
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # restored afterwards
    finally:
        signal.signal(signal.SIGINT, old)


def test_exit_codes_are_128_plus_the_signal():
    assert (Interrupted(signal.SIGINT).exit_code, Interrupted(signal.SIGTERM).exit_code) == (130, 143)
    assert str(Interrupted(signal.SIGTERM)) == "SIGTERM"


def test_next_run_line_names_time_zone_and_time_left():
    when = datetime(2026, 12, 5, 2, 0, tzinfo=AMS)
    assert due_line(when, now=datetime(2026, 12, 4, 18, 39, tzinfo=AMS)) == \
        "next run due 2026-12-05 02:00 CET (Europe/Amsterdam), in 7 h 21 min"
    assert due_line(datetime(2026, 7, 1, 2, 0, tzinfo=AMS), now=datetime(2026, 7, 1, 1, 15, tzinfo=AMS)) == \
        "next run due 2026-07-01 02:00 CEST (Europe/Amsterdam), in 45 min"


def test_next_run_comes_from_the_cron_schedule():
    from flows.orchestration.serve import next_run

    due = next_run(datetime(2026, 12, 4, 18, 0, tzinfo=AMS))
    assert (due.year, due.month, due.day, due.hour, due.minute) == (2026, 12, 5, 2, 0)
    assert due.utcoffset().total_seconds() == 3600
    summer = next_run(datetime(2026, 7, 1, 3, 0, tzinfo=AMS))
    assert (summer.day, summer.hour, summer.utcoffset().total_seconds()) == (2, 2, 7200)


def test_summary_shows_the_whole_command_beside_the_flow_and_the_prefect_start():
    s = RunSummary(run_id="abc", warehouse="w.duckdb", files=12, new=12, duration_s=11.83)
    out = io.StringIO()
    print_summary(s, out=out, command_s=37.14, prefect_start_s=9.6)
    assert out.getvalue().splitlines()[0] == "run abc: 12 files in 37.1 s (flow 11.8 s, Prefect start 9.6 s) -> w.duckdb"
    out = io.StringIO()
    print_summary(s, out=out, command_s=14.0)  # PREFECT_API_URL: nothing to start
    assert out.getvalue().splitlines()[0] == "run abc: 12 files in 14.0 s (flow 11.8 s) -> w.duckdb"
    out = io.StringIO()
    print_summary(s, "json", out=out, command_s=37.14, prefect_start_s=9.6)
    data = json.loads(out.getvalue())
    assert (data["command_s"], data["prefect_start_s"], data["duration_s"]) == (37.14, 9.6, 11.83)
