"""What a security officer checks in the store (issue #18 item 8): a private
SQLite file, and PostgreSQL timeouts so a hung server gives an answer within
seconds."""

from __future__ import annotations

import socket
import stat
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from netanalysis.network import StakeholderNetwork
from netanalysis.store import Store
from netanalysis.store.engine import CONNECT_TIMEOUT


def test_the_sqlite_file_and_its_log_are_readable_by_their_owner_only(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'netwerkkaart.db'}")
    store.save_network(StakeholderNetwork.from_tables([{"id": "a", "name": "Anouk"}]), name="x")
    for name in ("netwerkkaart.db", "netwerkkaart.db-wal"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    store.dispose()


def test_a_postgresql_server_that_never_answers_fails_within_seconds():
    """A listening socket that accepts and then says nothing, as a hung server does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    port = listener.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(OperationalError):
        Store(f"postgresql+psycopg://netwerkkaart@127.0.0.1:{port}/netwerkkaart")
    assert time.monotonic() - started < 2 * CONNECT_TIMEOUT + 1
    listener.close()


@pytest.mark.postgres
def test_postgresql_connections_carry_a_statement_timeout(postgres_server_url):
    store = Store(postgres_server_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "10s"
        with pytest.raises(OperationalError, match="statement timeout"):
            conn.execute(text("SELECT pg_sleep(12)"))
    store.dispose()
