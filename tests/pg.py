"""A throwaway PostgreSQL server for the team-database tests.

`CCM_TEST_POSTGRES_URL` (a URL of a server where we may create databases, e.g.
`postgresql://postgres@localhost/postgres`) uses an existing server. Otherwise a private cluster
is made with Debian's `initdb`/`pg_ctl` in a temporary folder, listening only on a Unix socket
there, and removed at the end of the session. As root it runs as the `postgres` user (the
server refuses to run as root). Each test gets a fresh database of its own.

Without a server the PostgreSQL tests are skipped with the reason, except in CI (`CI=true`),
where they fail: CI must run them.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

_counter = itertools.count(1)


class PgServer:
    def __init__(self, url: URL, cleanup: contextlib.ExitStack) -> None:
        self.url = url
        self._cleanup = cleanup

    def _admin(self):  # type: ignore[no-untyped-def]
        return create_engine(self.url, isolation_level="AUTOCOMMIT")

    def _as_admin(self, statement: str) -> None:
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.execute(text(statement))
        finally:
            engine.dispose()

    def new_database(self) -> str:
        name = f"ccm_test_{os.getpid()}_{next(_counter)}"
        self._as_admin(f'CREATE DATABASE "{name}"')
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        self._as_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def stop(self) -> None:
        self._cleanup.close()


def _binaries() -> tuple[str, str] | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return (initdb, pg_ctl) if initdb and pg_ctl else None


def start() -> PgServer | str:
    """A running server, or the reason there is none."""
    given = os.environ.get("CCM_TEST_POSTGRES_URL")
    if given:
        url = make_url(given)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return PgServer(url, contextlib.ExitStack())
    found = _binaries()
    if found is None:
        return "PostgreSQL is not installed (Debian package postgresql; see scripts/install.sh)"
    initdb, pg_ctl = found
    user: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
        user = "postgres"
    stack = contextlib.ExitStack()
    base = Path(tempfile.mkdtemp(prefix="ccm-pg-"))
    stack.callback(shutil.rmtree, base, ignore_errors=True)
    data, sockets = base / "data", base / "run"
    data.mkdir()
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        os.chmod(base, 0o755)
        for path in (data, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    log = base / "server.log"
    try:
        subprocess.run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "--no-sync"], user=user, check=True, capture_output=True,
                       timeout=120, cwd=base)
        log.touch()
        if user:
            os.chown(log, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        options = (f"-k {sockets} -c listen_addresses='' -p 5432 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        subprocess.run([pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60",
                        "start"], user=user, check=True, capture_output=True, timeout=90,
                       cwd=base)
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        stack.close()
        return f"could not start a PostgreSQL server: {exc} {detail.decode(errors='replace')[-300:]}"
    stack.callback(subprocess.run, [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                   user=user, capture_output=True, timeout=60, cwd=base)
    url = URL.create("postgresql+psycopg", username="postgres", database="postgres",
                     query={"host": str(sockets), "port": "5432"})
    return PgServer(url, stack)


# Fixtures (imported by conftest.py) ---------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    server = start()
    if isinstance(server, str):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL tests must run in CI, but {server}")
        pytest.skip(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PgServer) -> Iterator[str]:
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: an SQLite file, and (as a second run) a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "ccm.sqlite3")
    url: str = request.getfixturevalue("postgres_url")
    return url
