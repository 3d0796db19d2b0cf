"""Schema versions, with Alembic. The scripts ship inside the package (`migrations/`).

The repository asks `current_revision()` on open: None on a new database, a known revision that
is older than `head()` means "back up, then upgrade", an unknown one means the file was written by
a newer version of ccm-desktop and must not be touched.

Alembic is imported only to upgrade or to look at scripts: a database already at `HEAD` (every
start but the first after an upgrade) opens without it, which keeps the window's start quick.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest script in migrations/versions. A test keeps it equal to what Alembic finds there:
# a new migration sets it to its revision.
HEAD = "0003"


def _config(location: Path, connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts(location: Path) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(location))


def head(location: Path = MIGRATIONS) -> str:
    return HEAD if location == MIGRATIONS else scripts_head(location)


def scripts_head(location: Path = MIGRATIONS) -> str:
    """The newest revision among the scripts in `location`, as Alembic reads them."""
    revision = _scripts(location).get_current_head()
    assert revision is not None
    return revision


def is_known(revision: str, location: Path = MIGRATIONS) -> bool:
    if revision == head(location):
        return True
    return any(script.revision == revision for script in _scripts(location).walk_revisions())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, location: Path = MIGRATIONS) -> None:
    """Bring the schema to `head()`, inside the caller's transaction."""
    from alembic import command

    command.upgrade(_config(location, connection), "head")


def _develop(argv: list[str]) -> None:
    """`python -m ccm_desktop.storage.migrate revision -m MESSAGE`: autogenerate a migration
    by comparing the models with a scratch database upgraded to the current head."""
    import argparse
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    parser = argparse.ArgumentParser(prog="python -m ccm_desktop.storage.migrate")
    parser.add_argument("action", choices=["revision"])
    parser.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/scratch.sqlite3"
        engine = create_engine(url)
        with engine.begin() as conn:
            upgrade(conn)
        engine.dispose()
        config = _config(MIGRATIONS)
        config.set_main_option("sqlalchemy.url", url)
        command.revision(config, message=args.message, autogenerate=True)


if __name__ == "__main__":
    _develop(sys.argv[1:])
