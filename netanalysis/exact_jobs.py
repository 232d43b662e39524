"""Exact betweenness and closeness of large saved versions, in the background.

Saving a version of more than
:data:`~netanalysis.sampling.EXACT_BETWEENNESS_LIMIT` stakeholders queues a
job in the store (:mod:`netanalysis.store.exact`). :func:`run_exact_job`
claims the oldest job, computes the exact values a block of searches at a
time (:func:`netanalysis.paths.exact_path_measures`), reports progress and
stores the result with the version. :class:`ExactJobRunner` is the loop an
app server runs in a thread: it polls the store cheaply and starts each job
in a separate, low-priority process (``python -m netanalysis exact``), so
the long computation never holds the server's interpreter, and a server
restart loses nothing but the running block (another worker takes over a
claim whose heartbeat stops).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid

from . import paths

__all__ = ["worker_name", "run_exact_job", "run_exact_jobs", "ExactJobRunner"]

_log = logging.getLogger("netwerkkaart.exact")

# Seconds between progress writes: the heartbeat, far below the store's
# EXACT_JOB_STALE_AFTER, and few enough writes not to matter.
_PROGRESS_EVERY = 5.0


def worker_name() -> str:
    """A name unique to this process and call: host, process id and a random part."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def run_exact_job(store, worker: str | None = None) -> int | None:
    """Claim one queued job and compute it; the version id, or ``None`` if none was waiting.

    Parameters
    ----------
    store : netanalysis.store.Store
    worker : str, optional
        The claim's name (default :func:`worker_name`).

    Returns
    -------
    int or None
        The version whose job was handled (done, failed, or given up
        because another worker took it over).
    """
    worker = worker or worker_name()
    version_id = store.claim_exact_job(worker)
    if version_id is None:
        return None
    try:
        if store.reuse_exact_values(version_id, worker):
            _log.info("version %s: exact values reused from a version with the same content", version_id)
            return version_id
        network = store.exact_job_network(version_id)
        started = time.perf_counter()
        last = [-_PROGRESS_EVERY]

        def progress(done: int, total: int) -> bool:
            now = time.perf_counter()
            if done < total and now - last[0] < _PROGRESS_EVERY:
                return True
            last[0] = now
            return store.report_exact_progress(version_id, worker, done, total)

        result = paths.exact_path_measures(network.to_graph(), progress=progress)
        if result is None:
            _log.warning("version %s: claim lost, stopped", version_id)
            return version_id
        betweenness, closeness = result
        store.finish_exact_job(version_id, worker, betweenness, closeness, time.perf_counter() - started)
    except Exception as error:  # recorded on the job, shown on the page; the worker goes on
        _log.exception("version %s: exact job failed", version_id)
        store.fail_exact_job(version_id, worker, f"{type(error).__name__}: {error}")
    return version_id


def run_exact_jobs(store, *, once: bool = False, poll: float = 30.0, worker: str | None = None) -> int:
    """Handle queued jobs until none is left (``once``) or for ever; returns how many were handled."""
    handled = 0
    while True:
        if run_exact_job(store, worker) is not None:
            handled += 1
            continue
        if once:
            return handled
        time.sleep(poll)


class ExactJobRunner(threading.Thread):
    """A daemon thread that starts ``python -m netanalysis exact --once`` in a
    low-priority process whenever the store has a job waiting.

    Parameters
    ----------
    store : netanalysis.store.Store
        Polled with :meth:`~netanalysis.store.Store.has_queued_exact_job`.
    database_url : str
        Handed to the process (``NETWERKKAART_DATABASE_URL``); an in-memory
        database cannot be shared, so there the jobs run in this thread.
    poll : float
        Seconds between polls.
    """

    def __init__(self, store, database_url: str, *, poll: float = 15.0):
        super().__init__(name="netwerkkaart-exact-jobs", daemon=True)
        self.store = store
        self.database_url = database_url
        self.poll = poll
        self.stopping = threading.Event()

    def _in_memory(self) -> bool:
        return self.database_url.startswith("sqlite") and self.store.url.database in (None, "", ":memory:")

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                if self.store.has_queued_exact_job():
                    if self._in_memory():
                        run_exact_jobs(self.store, once=True)
                    else:
                        self._run_process()
            except Exception:  # a database hiccup must not end the loop; the next poll retries
                _log.exception("exact job runner")
            self.stopping.wait(self.poll)

    def _run_process(self) -> None:
        from .store import ENV_DATABASE_URL

        env = {**os.environ, ENV_DATABASE_URL: self.database_url}
        subprocess.run([sys.executable, "-m", "netanalysis", "exact", "--once", "--nice", "10"], env=env, check=False)

    def stop(self) -> None:
        self.stopping.set()
