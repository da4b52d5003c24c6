"""The suite's throwaway PostgreSQL server: scripts/local_postgres.py (shared with `make team-demo`)."""
from __future__ import annotations

from scripts.local_postgres import HBA_TEMPLATE, PostgresServer, find_bindir, free_port, start_server

__all__ = ["HBA_TEMPLATE", "PostgresServer", "find_bindir", "free_port", "start_server"]
