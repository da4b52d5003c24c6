"""What the coordinator types is matched literally: LIKE wildcards, quotes, backslashes and FTS5
syntax (AND, OR, NEAR, *, :) in Cyrillic, Arabic and CJK names, on SQLite and PostgreSQL; and every
LIKE pattern and MATCH string in the code is built by db/search_patterns.py."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.lead_records import LeadInput
from app.domain.lead_search import list_leads, make_filter
from app.domain.leads import create_lead
from db import lead_queries
from db.search_patterns import fts_match_all, fts_phrase, like_contains, like_prefix

REPO = Path(__file__).resolve().parents[2]

NAMES = [
    "Скидка 50% ООО_Ромашка",
    'محمد "AND" العتيبي',
    "李娜 OR 王*明",
    "NEAR(東京 大阪) 東京:大阪",
    "Путь C:\\Temp\\файл",
    "Обычный Человек",
]

CASES = [
    ("50%", {0}), ("%", {0}), ("о_р", {0}), ("_", {0}), ("50% ооо", {0}),
    ('"and"', {1}), ('"', {1}), ("and", {1}), ("العتيبي \"and", {1}),
    ("王*明", {2}), ("*", {2}), ("王*", {2}), ("or 王", {2}), ("娜 OR", {2}),
    ("near(東京", {3}), ("東京:大阪", {3}), ("大阪) 東京:", {3}), ("NEAR", {3}), (":", {3, 4}),
    ("\\", {4}), ("c:\\t", {4}), ("\\файл", {4}), ("\\\\", set()),
    ("' OR 1=1 --", set()), ("%%", set()), ("a_d", set()), ("or*", set()), ('""', set()), ("東京 OR 李娜", set()),
]


@pytest.fixture
def hostile(db, clock):
    for number, name in enumerate(NAMES):
        create_lead(db, LeadInput(full_name=name, email=f"p{number}@mail.test"), clock=clock)
    return db


def test_like_and_match_strings():
    assert like_contains("50%_a\\b") == "%50\\%\\_a\\\\b%"
    assert like_prefix("L-2026_") == "L-2026\\_%"
    assert fts_phrase('say "AND" NEAR: *') == '"say ""AND"" NEAR: *"'
    assert fts_match_all(["東京:大阪", 'or"']) == '"東京:大阪" AND "or"""'


@pytest.mark.parametrize("query,expected", CASES, ids=[q for q, _ in CASES])
def test_search_terms_are_literal(hostile, query, expected):
    assert {r.name for r in list_leads(hostile, search=query)} == {NAMES[i] for i in expected}


def test_sqlite_raw_and_sqlalchemy_paths_agree(sqlite_db, clock):
    for number, name in enumerate(NAMES):
        create_lead(sqlite_db, LeadInput(full_name=name, email=f"p{number}@mail.test"), clock=clock)
    for query, expected in CASES:
        flt = make_filter(query)
        with sqlite_db.read() as session:
            in_session = lead_queries.lead_ids(session, flt, "created", True)
            portable = lead_queries._portable_lead_ids(session, flt, "created", True)
        assert lead_queries.read_lead_ids(sqlite_db, flt, "created", True) == in_session == portable, query
        assert len(portable) == len(expected), query


def _sources():
    for folder in ("app", "db", "bench"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path != REPO / "db" / "search_patterns.py" and "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")


def test_every_pattern_is_built_in_one_place():
    """No other module escapes LIKE wildcards, writes an ESCAPE clause, quotes FTS5 phrases or calls
    .like() with an escape of its own."""
    forbidden = [
        (re.compile(r"""replace\(\s*["'][%_]["']\s*,\s*["']\\"""), "escapes a LIKE wildcard itself"),
        (re.compile(r"""'""'|"\\"\\""|\"\"\"\"\""""), "quotes an FTS5 phrase itself"),
        (re.compile(r"ESCAPE\s+'", re.IGNORECASE), "writes its own ESCAPE clause (use LIKE_SQL)"),
    ]
    problems = []
    for path, source in _sources():
        for pattern, why in forbidden:
            if pattern.search(source):
                problems.append(f"{path.relative_to(REPO)} {why}")
        for call in re.finditer(r"\.(i?like)\(([^()]|\([^()]*\))*\)", source):
            if "escape=LIKE_ESCAPE" not in call.group(0) or "like_" not in call.group(0):
                problems.append(f"{path.relative_to(REPO)}: {call.group(0)} (use db.search_patterns)")
    assert problems == []
