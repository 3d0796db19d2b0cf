"""Files in and out: JSON, Excel and PDF. No Qt, no database."""
