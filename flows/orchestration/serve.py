"""Deployment `nightly-ingest`: the `ingest` flow every night at 02:00 Amsterdam time.

`flow.serve()` keeps a process running that polls the Prefect server (PREFECT_API_URL) and starts
each run in a new process that re-imports this module; hence the flow lives in `flows.orchestration.flow` and
nothing here runs on import.
"""
from __future__ import annotations

from flows.pipeline.settings import Settings

DEPLOYMENT = "nightly-ingest"
CRON = "0 2 * * *"
TIMEZONE = "Europe/Amsterdam"


def deployment(folder: str, settings: Settings):
    """The RunnerDeployment (not yet registered) with its cron schedule and parameters."""
    from prefect.schedules import Cron

    from flows.orchestration.flow import ingest

    params = {"folder": folder, "warehouse": settings.warehouse.path, "settings": settings.as_dict()}
    return ingest.to_deployment(name=DEPLOYMENT, schedule=Cron(CRON, timezone=TIMEZONE), parameters=params,
                                description="Nightly ingestion of new and changed meeting reports.")


def serve(folder: str, settings: Settings) -> None:
    """Register the deployment and run it on schedule until interrupted (blocks)."""
    import asyncio

    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner
    from prefect.schedules import Cron

    from flows.orchestration.flow import ingest

    params = {"folder": folder, "warehouse": settings.warehouse.path, "settings": settings.as_dict()}
    runner = Runner(name=DEPLOYMENT)
    runner.add_flow(ingest, name=DEPLOYMENT, schedule=Cron(CRON, timezone=TIMEZONE), parameters=params,
                    description="Nightly ingestion of new and changed meeting reports.",
                    entrypoint_type=EntrypointType.MODULE_PATH)
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass
