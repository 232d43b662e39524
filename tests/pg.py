"""A throwaway PostgreSQL server for the store tests.

``postgres_url()`` is the logic behind the session fixture in
``tests/test_store.py``: it starts Debian's PostgreSQL binaries on a free
localhost port with its data directory and unix socket in a temporary
directory, and stops the server again. The tests run as root here and in
CI, and PostgreSQL refuses to run as root, so the server runs as the
``postgres`` system user.

Set ``NETWERKKAART_TEST_POSTGRES_URL`` to use an existing server instead. If
the binaries are missing the tests are skipped, except when ``CI`` is set:
CI must run them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ENV_URL", "PostgresUnavailable", "find_bin_dir", "running_postgres"]

ENV_URL = "NETWERKKAART_TEST_POSTGRES_URL"
DATABASE = "netwerkkaart_test"
SERVER_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries (or no user to run them as) on this machine."""


def find_bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``initdb`` and ``pg_ctl``.

    Raises
    ------
    PostgresUnavailable
        If there is none.
    """
    candidates = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")]
    candidates += [Path(p).parent for p in filter(None, [shutil.which("initdb")])]
    usable = [d for d in candidates if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    if not usable:
        raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")

    def version(path: Path) -> float:
        try:
            return float(path.parent.name)
        except ValueError:
            return 0.0

    return max(usable, key=version)


def _free_port() -> int:
    # The port can in theory be taken between closing this socket and the
    # server binding it; pg_ctl then fails loudly, which is good enough here.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise PostgresUnavailable(f"running as root and there is no {SERVER_USER!r} user") from exc
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


@contextlib.contextmanager
def running_postgres() -> Iterator[str]:
    """Run a temporary PostgreSQL server and yield a SQLAlchemy URL to an empty database.

    Yields
    ------
    str
        ``postgresql+psycopg://postgres@127.0.0.1:PORT/netwerkkaart_test``,
        or the URL in ``NETWERKKAART_TEST_POSTGRES_URL`` if that is set.

    Raises
    ------
    PostgresUnavailable
        If the server binaries are missing.
    """
    external = os.environ.get(ENV_URL)
    if external:
        yield external
        return
    bin_dir = find_bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="netwerkkaart-pg-"))
    data_dir, socket_dir, log = workdir / "data", workdir / "socket", workdir / "server.log"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_USER)
        for path in (workdir, socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    pg_ctl = str(bin_dir / "pg_ctl")
    try:
        # --no-sync and fsync=off: a test server need not survive a power cut,
        # and they keep start-up and the tests fast.
        _run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres",
                              "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]))
        options = (f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        _run(_as_server_user([pg_ctl, "-D", str(data_dir), "-l", str(log), "-o", options,
                              "-w", "-t", "60", "start"]))
        try:
            _run(_as_server_user([str(bin_dir / "createdb"), "-h", str(socket_dir), "-p", str(port),
                                  "-U", "postgres", DATABASE]))
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
        finally:
            subprocess.run(_as_server_user([pg_ctl, "-D", str(data_dir), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
