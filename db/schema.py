"""The whole schema in one place: the lead tables (db.models) and the case tables (db.case_models)
on one metadata. Whoever compares or creates the schema (Alembic, the schema check) reads it here."""
from __future__ import annotations

from db import case_models
from db.models import Base

__all__ = ["Base", "case_models", "metadata"]

metadata = Base.metadata
