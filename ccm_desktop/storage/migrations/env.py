"""Alembic environment. ccm-desktop runs its migrations itself when it opens a database
(`storage/migrate.py`), passing the connection in `config.attributes["connection"]`.

To write a new migration during development, from the project folder:
    .venv/bin/python -m ccm_desktop.storage.migrate revision -m "what changes"
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from ccm_desktop.storage.models import Base

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:  # the development command above, against a scratch database
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    try:
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()
