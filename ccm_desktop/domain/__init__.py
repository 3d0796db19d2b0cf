"""The report as plain data: no Qt, no SQLAlchemy, no third-party imports."""
