"""The data the benchmarks run on: `medtour demo --leads N` databases cached under bench/data/
(git-ignored), throw-away working copies for the measurements that write, and a realistic CSV for
the import benchmark.

A cached database is used only when its sidecar `<name>.json` exists: the file is built under a
temporary name and renamed when `medtour demo` has finished, so an interrupted build is never used.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "bench" / "data"

Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def demo_path(leads: int, seed: int = 1, data_dir: Path = DATA_DIR) -> Path:
    return data_dir / f"demo-{leads}-s{seed}.db"


def demo_database(leads: int, seed: int = 1, *, data_dir: Path = DATA_DIR, log: Log = _stderr) -> Path:
    """The cached demo database with `leads` leads, built with `medtour demo` when missing."""
    path = demo_path(leads, seed, data_dir)
    marker = path.with_suffix(".json")
    if path.exists() and marker.exists():
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.stem + ".building.db")
    for stale in (building, *_sidecars(building)):
        stale.unlink(missing_ok=True)
    log(f"building {path.name}: medtour demo --leads {leads:,} --seed {seed} (1,000,000 leads take ~11 minutes)")
    started = time.perf_counter()
    env = dict(os.environ, MEDTOUR_DATA_DIR=str(data_dir / "app-data"))
    env.pop("MEDTOUR_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(building), "demo", "--leads", str(leads), "--seed", str(seed)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"medtour demo failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    for sidecar in _sidecars(building):
        sidecar.unlink(missing_ok=True)  # empty after the checkpoint `medtour demo` ends with
    building.replace(path)
    write_marker(path, leads, seed, time.perf_counter() - started)
    return path


def write_marker(path: Path, leads: int, seed: int, seconds: float | None) -> None:
    """Record that `path` is a complete demo database (also used to adopt one built by hand)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        count = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        built = conn.execute("SELECT max(created_at) FROM leads").fetchone()[0]
    conn.close()
    path.with_suffix(".json").write_text(
        json.dumps({"leads": leads, "rows": count, "seed": seed, "built_at": built, "build_seconds": seconds}, indent=1),
        encoding="utf-8",
    )


def describe(path: Path) -> dict:
    marker = path.with_suffix(".json")
    info = json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else {}
    info["file_mb"] = round(path.stat().st_size / 2**20, 1)
    return info


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(str(path) + "-wal"), Path(str(path) + "-shm")


def working_copy(source: Path, dest_dir: Path, name: str | None = None) -> Path:
    """A private copy of `source` for a measurement that writes (the cache is never written)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / (name or source.name)
    for stale in (dest, *_sidecars(dest)):
        stale.unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    for src, dst in zip(_sidecars(source), _sidecars(dest), strict=True):
        if src.exists() and src.stat().st_size:
            shutil.copyfile(src, dst)
    return dest


def remove_database(path: Path) -> None:
    for file in (path, *_sidecars(path)):
        file.unlink(missing_ok=True)


# --------------------------------------------------------------------------- import CSV

# (country as a form would write it, phone formats in local (national) writing, names (native, latin)).
_CSV_COUNTRIES: tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...], int], ...] = (
    ("Russia", "RU", ("8 ({a}) {b}-{c}-{d}", "8{a}{b}{c}{d}", "+7 {a} {b} {c} {d}"),
     (("Иван Петров", "Ivan Petrov"), ("Анна Смирнова", "Anna Smirnova"), ("Ольга Волкова", "Olga Volkova"),
      ("Дмитрий Соколов", "Dmitry Sokolov")), 25),
    ("Kazakhstan", "KZ", ("8 ({k3}) {b} {c} {d}", "+7 {k3} {b}{c}{d}"),
     (("Айгерим Абенова", "Aigerim Abenova"), ("Нурлан Касымов", "Nurlan Kassymov")), 8),
    ("Saudi Arabia", "SA", ("0{a2} {b} {c}{d}", "00966{a2}{b}{c}{d}"),
     (("محمد العتيبي", "Mohammed Al-Otaibi"), ("نورة القحطاني", "Noura Al-Qahtani")), 10),
    ("United Arab Emirates", "AE", ("0{a2} {b} {c}{d}", "+971 {a2} {b} {c}{d}"),
     (("فاطمة المنصوري", "Fatima Al-Mansoori"), ("خالد الكعبي", "Khalid Al-Kaabi")), 7),
    ("Nigeria", "NG", ("0{n3} {b} {c}{d}", "+234 {n3} {b} {c}{d}"),
     (("Chukwuemeka Okafor", ""), ("Ngozi Adeyemi", ""), ("Oluwaseun Balogun", "")), 8),
    ("India", "IN", ("0{i5} {b}{c}", "+91 {i5} {b}{c}"),
     (("प्रिया शर्मा", "Priya Sharma"), ("राहुल वर्मा", "Rahul Verma")), 7),
    ("China", "CN", ("{c3} {b}{c2} {d}{d}", "+86 {c3} {b}{c2} {d}{d}"),
     (("王小明", "Wang Xiaoming"), ("李娜", "Li Na"), ("张伟", "Zhang Wei")), 6),
    ("United States", "US", ("({u3}) {e3}-{b}{d1}", "+1 {u3} {e3} {b}{d1}"),
     (("James Smith", ""), ("Mary Johnson", ""), ("Jennifer García", "")), 8),
    ("Germany", "DE", ("0{g4} {b}{c}{d}{c2}", "+49 {g4} {b} {c}{d}{c2}"), (("Jürgen Müller", ""), ("Sophie Schäfer", "")), 4),
    ("Ukraine", "UA", ("0{ua2} {b} {c} {d}", "+380 {ua2} {b} {c} {d}"),
     (("Олена Коваленко", "Olena Kovalenko"), ("Тарас Шевченко", "Taras Shevchenko")), 5),
)
_DIAGNOSES = (
    "B-cell acute lymphoblastic leukemia, relapsed", "Diffuse large B-cell lymphoma", "Multiple myeloma",
    "Follicular lymphoma, refractory", "Glioblastoma", "Not sure", "",
)
_MESSAGES = (
    "Is CAR-T possible and what does it cost?", "Нужна информация о стоимости лечения.",
    "أرجو إرسال تفاصيل العلاج والتكلفة", "想了解治疗费用。", "Please call me back in the evening.", "",
)
_SOURCES = ("Website form", "WhatsApp", "Partner referral", "Facebook")
HEADER = ("Submitted At", "Full Name", "Email", "Phone", "WhatsApp", "Country", "Diagnosis", "Message", "Source")


def _local_phone(rng: random.Random, formats: tuple[str, ...], serial: int) -> str:
    b = f"{serial % 1000:03d}"
    c = f"{(serial // 1000) % 100:02d}"
    d = f"{rng.randrange(100):02d}"
    parts = dict(
        a=rng.choice(("916", "903", "925", "977")), a2=rng.choice(("50", "55", "56")), n3=rng.choice(("803", "806", "813")),
        i5=rng.choice(("98765", "91234", "99887")), c3=rng.choice(("138", "139", "186")), u3=rng.choice(("212", "415", "646")),
        k3=rng.choice(("701", "705", "777")), g4=rng.choice(("151", "152", "170")), ua2=rng.choice(("67", "50", "93")), b=b, c=c, c2=c[0], d=d, d1=d[0], e3="2" + c,
    )
    return rng.choice(formats).format(**parts)


def write_import_csv(path: Path, rows: int = 50_000, *, seed: int = 7) -> dict[str, int]:
    """A website-form export of `rows` inquiries: local-format phones (8 (916)…, 050…, 0803…),
    names in Cyrillic, Arabic, Devanagari, Chinese and Latin, ~5% repeat inquiries (the same phone
    typed differently, or the same email) and ~0.4% rows that must be rejected (no name, or no
    usable phone or email). Returns how many rows of each kind were written."""
    rng = random.Random(seed)
    weights = [c[4] for c in _CSV_COUNTRIES]
    written: list[tuple[str, ...]] = []
    kinds = {"new": 0, "repeat": 0, "invalid": 0}
    path.parent.mkdir(parents=True, exist_ok=True)
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for serial in range(rows):
            roll = rng.random()
            day = 1 + serial % 28
            submitted = f"2026-{1 + serial % 11:02d}-{day:02d} {serial % 24:02d}:{serial % 60:02d}"
            if written and roll < 0.05:  # the same person writes again: other phone format or same email
                first = rng.choice(written)
                row = (submitted, first[1], first[2] if rng.random() < 0.5 else "", first[3], "", first[5],
                       first[6], rng.choice(_MESSAGES), rng.choice(_SOURCES))
                if not row[2] and not row[3]:
                    row = (*row[:2], first[2], *row[3:])
                kinds["repeat"] += 1
            elif roll < 0.054:
                bad = rng.choice((
                    (submitted, "", f"anon{serial}@example.com", "", "", "Russia", "", "", "Website form"),  # no name
                    (submitted, "Test Test", "not-an-email", "12", "", "Nowhere", "", "", "Website form"),  # unreachable
                    (submitted, "Spam", "", "000", "", "", "", "http://spam.example", "Website form"),
                ))
                out.writerow(bad)
                kinds["invalid"] += 1
                continue
            else:
                country, _code, formats, names, _w = rng.choices(_CSV_COUNTRIES, weights)[0]
                native, latin = rng.choice(names)
                phone = _local_phone(rng, formats, serial)
                whatsapp = _local_phone(rng, formats, serial + 7) if rng.random() < 0.1 else ""
                local = (latin or native).lower().replace(" ", ".")
                local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch == ".")) or "patient"
                email = f"{local}.{serial}@mail.example" if rng.random() < 0.7 else ""
                row = (submitted, native, email, phone, whatsapp, country, rng.choice(_DIAGNOSES),
                       rng.choice(_MESSAGES), rng.choice(_SOURCES))
                written.append(row)
                kinds["new"] += 1
            out.writerow(row)
    return kinds


# --------------------------------------------------------------------------- schema drift


_TABLES_SQL = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'lead_fts%' AND sql IS NOT NULL"


def _tables(conn: sqlite3.Connection) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    """Each table's columns (in order) and its named constraints (in any order: SQLite keeps the
    order a migration wrote them in, and a table rebuilt by a migration may list them differently)."""
    shapes = {}
    for name, sql in conn.execute(_TABLES_SQL):
        if sql.count("\n") < 2:  # written on one line (by hand, not by SQLAlchemy): as it is
            shapes[name] = ((sql,), frozenset())
            continue
        lines = [line.strip().rstrip(",") for line in sql.splitlines()[1:-1]]
        shapes[name] = (tuple(line for line in lines if not line.startswith("CONSTRAINT")),
                        frozenset(line for line in lines if line.startswith("CONSTRAINT")))
    return shapes


def sync_indexes(path: Path, *, log: Log = _stderr) -> list[str]:
    """Make a cached demo database's indexes those of the current migrations (an index-only schema
    change should not cost a 20-minute rebuild of the 1,000,000-lead file), and stamp it with the
    current revision so that the app does not upgrade (and back up) it again. Returns what changed;
    tables and data are untouched. Raises when the tables themselves differ (rebuild the file)."""
    import tempfile

    from app.storage import open_database

    with tempfile.TemporaryDirectory() as tmp:
        fresh = open_database(Path(tmp) / "fresh.db", create=True)
        fresh.dispose()
        with sqlite3.connect(Path(tmp) / "fresh.db") as conn:
            wanted = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
            tables = _tables(conn)
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        conn.close()
    changes = []
    with sqlite3.connect(path) as conn:
        if _tables(conn) != tables:
            raise RuntimeError(f"{path.name}: its tables differ from the current schema; delete it to rebuild it")
        have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        for name in sorted(set(have) - set(wanted)):
            conn.execute(f'DROP INDEX "{name}"')
            changes.append(f"dropped {name}")
        for name, sql in sorted(wanted.items()):
            if have.get(name) != sql:
                if name in have:
                    conn.execute(f'DROP INDEX "{name}"')
                conn.execute(sql)
                changes.append(f"created {name}")
        if conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] != revision:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
            changes.append(f"stamped {revision}")
    conn.close()
    if changes:
        log(f"{path.name}: {', '.join(changes)}")
    return changes
