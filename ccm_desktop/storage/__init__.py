"""The local database of drafts (SQLite, or PostgreSQL for a team): the only SQLAlchemy user.

`repository.open_repository()` is the door; everything it takes and returns is a domain `Report`
or a small frozen summary. ORM objects never leave this package.
"""
