"""Schema versions, with Alembic. The scripts ship inside the package (`migrations/`).

The repository asks `current_revision()` on open: None on a new database, a known revision that
is older than `head()` means "back up, then upgrade", an unknown one means the file was written by
a newer version of ccm-desktop and must not be touched.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(location: Path, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts(location: Path) -> ScriptDirectory:
    return ScriptDirectory.from_config(_config(location))


def head(location: Path = MIGRATIONS) -> str:
    revision = _scripts(location).get_current_head()
    assert revision is not None
    return revision


def is_known(revision: str, location: Path = MIGRATIONS) -> bool:
    return any(script.revision == revision for script in _scripts(location).walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, location: Path = MIGRATIONS) -> None:
    """Bring the schema to `head()`, inside the caller's transaction."""
    command.upgrade(_config(location, connection), "head")


def _develop(argv: list[str]) -> None:
    """`python -m ccm_desktop.storage.migrate revision -m MESSAGE`: autogenerate a migration
    by comparing the models with a scratch database upgraded to the current head."""
    import argparse
    import tempfile

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
