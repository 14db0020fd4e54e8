"""Deployment `nightly-ingest`: the `ingest` flow every night at 02:00 Amsterdam time.

`serve()` keeps a process running that polls the Prefect server (PREFECT_API_URL) and starts each
run of the in-memory flow in a subprocess. Served this way (Runner.add_flow, not a deployment loaded
from storage through `python -m prefect.engine`), a night that ends Failed(name="NeedsAttention") is
an outcome the runner knows, not an "unexpected exception" with a traceback.

Without PREFECT_API_URL it starts a temporary Prefect server of its own, with the scheduler (an
ephemeral server has none, so the schedule would never fire); it stops with this command, and with it
the UI's view of the schedule and the run history.
"""
from __future__ import annotations

import contextlib
import datetime
from typing import Callable

from flows.pipeline.settings import Settings

DEPLOYMENT = "nightly-ingest"
CRON = "0 2 * * *"
TIMEZONE = "Europe/Amsterdam"


def has_api() -> bool:
    """True when PREFECT_API_URL names a Prefect server (else `serve` starts a temporary one)."""
    from prefect.settings import PREFECT_API_URL

    return bool(PREFECT_API_URL.value())


def next_run(after: datetime.datetime | None = None) -> datetime.datetime:
    """When the nightly run is next due after `after` (default: now), in TIMEZONE, computed by
    Prefect's own cron schedule (the one its scheduler uses; daylight saving time included)."""
    import asyncio

    from prefect.server.schemas.schedules import CronSchedule

    dates = asyncio.run(CronSchedule(cron=CRON, timezone=TIMEZONE).get_dates(n=1, start=after))
    return dates[0]


def serve(folder: str, settings: Settings, on_start: Callable[[str | None], None] = lambda url: None) -> None:
    """Register the deployment and run it on schedule until interrupted (Ctrl-C or SIGTERM; blocks).
    `on_start(url)` is called before serving: url of the temporary server, None with PREFECT_API_URL."""
    import asyncio

    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner
    from prefect.schedules import Cron

    from flows.orchestration.flow import ingest
    from flows.orchestration.prefect_api import TemporaryApi
    from flows.orchestration.run import stop_on_signals

    with stop_on_signals():
        api = None if has_api() else TemporaryApi(scheduler=True)
        try:
            if api is not None and not api.ready():
                raise RuntimeError("the temporary Prefect server did not start; set PREFECT_API_URL to a running one")
            on_start(api.url if api is not None else None)
            with (api.settings() if api is not None else contextlib.nullcontext()):
                params = {"folder": folder, "warehouse": settings.warehouse.path, "settings": settings.as_dict()}
                runner = Runner(name=DEPLOYMENT)
                runner.add_flow(ingest, name=DEPLOYMENT, schedule=Cron(CRON, timezone=TIMEZONE), parameters=params,
                                description="Nightly ingestion of new and changed meeting reports.",
                                entrypoint_type=EntrypointType.MODULE_PATH)
                asyncio.run(runner.start())
        except KeyboardInterrupt:
            pass
        finally:
            if api is not None:
                api.stop()
