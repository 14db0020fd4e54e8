"""One ingestion run from the command line: the Prefect API started early, the flow, its summary."""
from __future__ import annotations

import contextlib

from flows.pipeline.outcomes import RunSummary
from flows.pipeline.settings import Settings


def run_ingest(folder: str, settings: Settings, dask_address: str | None = None,
               dask_local: bool = False) -> tuple[object, RunSummary | None]:
    """(final Prefect state, its RunSummary or None when the run did not finish). Without PREFECT_API_URL a
    temporary API server starts first, so it boots while this process imports Prefect and the models;
    raises warehouse.publish.WarehouseBusy when another run holds the warehouse."""
    from flows.orchestration.prefect_api import start_api_early

    api = start_api_early()
    from flows.orchestration.flow import dask_runner, ingest, summary_of

    runner = dask_runner(dask_address, dask_local)
    try:
        if runner is None and api is not None:
            from flows.pipeline.report import preload

            preload(settings)  # models load while the API server boots (else: when there is work)
        flow = ingest.with_options(task_runner=runner) if runner else ingest
        with (api.settings() if api is not None and api.ready() else contextlib.nullcontext()):
            state = flow(folder, settings.warehouse.path, settings, distributed=runner is not None,
                         return_state=True)
    finally:
        if api is not None:
            api.stop()
    return state, summary_of(state)
