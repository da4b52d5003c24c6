"""A `packets` batch killed midway (SIGKILL, a real process): no worker or fork server outlives it,
every PDF it wrote is recorded (planned before it was written), so erasing those leads removes each
one — in the folder the batch was given (`-o`), outside the app's packets folder — and the next
batch (or the first erasure) adopts what it left or drops its records."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app import paths
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.domain.profiles import ProfileInput, set_profile
from app.packets.lead_packets import PLANNED, settle_interrupted_packets
from app.safety.erasure import erase_person
from app.storage import open_database
from db.models import Interaction

REPO = Path(__file__).resolve().parents[2]
LEADS = 60
#: Generous bounds for a slow, shared machine; they only stop a hung test, they time nothing.
START_DEADLINE = 240.0
EXIT_DEADLINE = 60.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the batch's processes")


def _session_members(session_id: int) -> list[str]:
    """The live (not zombie) processes of a session, as 'pid comm'."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm_end = stat.rindex(")")
        fields = stat[comm_end + 2:].split()
        if fields[0] != "Z" and int(fields[3]) == session_id:
            found.append(f"{entry.name} {stat[stat.index('(') + 1:comm_end]}")
    return found


def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_a_killed_batch_leaves_no_worker_and_no_pdf_erasure_cannot_find(tmp_path, private_dirs, clock):
    database = tmp_path / "batch.db"
    db = open_database(database, create=True)
    set_profile(db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    refs = [create_lead(db, LeadInput(full_name=f"Patient {i:02d}", email=f"p{i}@example.org", language="en"),
                        clock=clock).reference for i in range(LEADS)]
    db.dispose()
    folder = tmp_path / "out"  # a folder of the user's choosing, not the app's packets folder
    assert not folder.resolve().is_relative_to(paths.packets_dir().resolve())
    env = os.environ | {"MEDTOUR_DATA_DIR": str(private_dirs)}
    batch = subprocess.Popen([sys.executable, "-m", "app.cli", "--db", str(database), "packets", "--status", "new",
                              "-o", f"{folder}{os.sep}", "--workers", "2"], cwd=REPO, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_DEADLINE
        while len(_pdfs(folder)) < 3 and batch.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert batch.poll() is None, f"the batch ended before it could be killed: {batch.stderr.read().decode()}"
        assert len(_pdfs(folder)) < LEADS, "the batch finished before it was killed"
        assert len(_session_members(batch.pid)) >= 3, "the batch, its fork server and workers"
    finally:
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait()
        batch.stderr.close()
    deadline = time.monotonic() + EXIT_DEADLINE
    while (survivors := _session_members(batch.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for line in survivors:  # never leave them behind, even when the test fails
        os.kill(int(line.split()[0]), signal.SIGKILL)
    assert survivors == [], "processes outlived the killed batch"

    written = _pdfs(folder)
    assert written
    db = open_database(database)
    try:
        with db.read() as s:
            planned = [d for d in s.scalars(select(Interaction.details).where(Interaction.kind == "packet"))
                       if d.get("state") == PLANNED]
        assert len(planned) == LEADS  # every packet was recorded before any was written
        assert {Path(d["file"]).name for d in planned} >= {p.name for p in written}
        # the next batch's first step (and erasure's): what was written is adopted with its
        # fingerprint, the rest dropped, partials gone
        settled = settle_interrupted_packets(db)
        assert sorted(settled.adopted) == written and settled.dropped == LEADS - len(written)
        assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]
        # erasure of the first half: every file written for them goes
        first, rest = refs[: LEADS // 2], refs[LEADS // 2:]
        for ref in first:
            erase_person(db, ref, clock=clock)
        assert not [p for p in folder.iterdir() if any(ref in p.name for ref in first)]
        remaining = _pdfs(folder)
        with db.read() as s:
            details = [d for d in s.scalars(select(Interaction.details).where(Interaction.kind == "packet")) if d]
        assert not [d for d in details if d.get("state") == PLANNED]
        assert sorted(Path(d["file"]).name for d in details if d.get("sha256")) == [p.name for p in remaining]
        for ref in rest:
            erase_person(db, ref, clock=clock)
        assert list(folder.iterdir()) == []
    finally:
        db.dispose()


def test_one_packet_is_recorded_before_it_is_written_and_a_failed_write_leaves_no_record(sqlite_db, clock, tmp_path,
                                                                                      monkeypatch):
    import errno

    from app.packets import lead_packets

    set_profile(sqlite_db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    lead = create_lead(sqlite_db, LeadInput(full_name="Patient One", email="one@example.org", language="en"), clock=clock)
    seen: list[list[dict]] = []

    def full_disk(path, _pdf):
        with sqlite_db.read() as s:
            seen.append([d for d in s.scalars(select(Interaction.details).where(Interaction.kind == "packet"))])
        Path(path).write_bytes(b"%PDF-1.4 half")  # what a crash midway could leave
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(lead_packets, "write_packet", full_disk)
    target = tmp_path / "one.pdf"
    with pytest.raises(OSError):
        lead_packets.write_for_lead(sqlite_db, lead.reference, target, clock=clock)
    [before] = seen
    assert [(d["state"], d["file"]) for d in before] == [(PLANNED, str(target.resolve()))]  # named before written
    with sqlite_db.read() as s:
        assert s.scalars(select(Interaction.details).where(Interaction.kind == "packet")).all() == []
    monkeypatch.undo()
    made = lead_packets.write_for_lead(sqlite_db, lead.reference, target, clock=clock, force=True)
    with sqlite_db.read() as s:
        [details] = s.scalars(select(Interaction.details).where(Interaction.kind == "packet")).all()
    assert details["file"] == str(made.path) and details["sha256"] == made.sha256 and "state" not in details


def test_erasure_straight_after_a_killed_batch_finds_the_files_it_wrote_outside_the_packets_folder(sqlite_db, clock,
                                                                                               tmp_path):
    """A batch killed before it confirmed anything left only planned records (no fingerprints):
    erasure settles them first, so each file the dead batch wrote is adopted and then deleted."""
    from app.packets import lead_packets

    set_profile(sqlite_db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    leads = [create_lead(sqlite_db, LeadInput(full_name=f"Patient {i}", email=f"p{i}@example.org", language="en"),
                         clock=clock) for i in range(2)]
    folder = tmp_path / "out"
    folder.mkdir()
    planned = [lead_packets.MadePacket(lead.reference, lead.lead_id, folder / f"{lead.reference}_en.pdf", "", "en", None, 0)
               for lead in leads]
    [written, never] = lead_packets._plan_packets(sqlite_db, planned, actor_id=None, clock=clock)
    with sqlite_db.write() as s:  # as the killed batch left them: its pid is no longer running
        for row_id in (written, never):
            row = s.get(Interaction, row_id)
            row.details = row.details | {"batch": {"host": socket.gethostname(), "pid": _gone_pid()}}
    planned[0].path.write_bytes(b"%PDF-1.4 written by the killed batch")
    (folder / f".{planned[1].path.name}.x1y2.partial").write_bytes(b"%PDF-1.4 half")
    erase_person(sqlite_db, leads[0].reference, clock=clock)
    assert not planned[0].path.exists()
    erase_person(sqlite_db, leads[1].reference, clock=clock)
    assert list(folder.iterdir()) == []


def _gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("deletable", [True, False], ids=["deleted at once", "left for the rerun"])
def test_a_packet_of_a_lead_erased_while_it_was_written_does_not_outlive_the_erasure(sqlite_db, clock, tmp_path,
                                                                                    monkeypatch, capsys, deletable):
    from app.cli import main
    from app.packets import lead_packets
    from tests.safety.file_faults import unlink_fails

    set_profile(sqlite_db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    lead = create_lead(sqlite_db, LeadInput(full_name="Patient Race", email="race@example.org", language="en"),
                       clock=clock)
    real_write = lead_packets.write_packet

    def erased_meanwhile(path, pdf):  # another window erases the lead while the packet is rendered
        erase_person(sqlite_db, lead.reference, clock=clock)
        return real_write(path, pdf)

    monkeypatch.setattr(lead_packets, "write_packet", erased_meanwhile)
    target = (tmp_path / "out" / f"{lead.reference}_en.pdf")
    with unlink_fails(monkeypatch, *([] if deletable else [target])):
        lead_packets.write_for_lead(sqlite_db, lead.reference, target, clock=clock)
    with sqlite_db.read() as s:
        details = s.scalars(select(Interaction.details).where(Interaction.kind == "packet")).all()
    if deletable:
        assert not target.exists() and details == [{}]
        return
    assert target.exists() and [d["file"] for d in details] == [str(target.resolve())]
    code = main(["--db", str(sqlite_db.path), "erase", "--yes", lead.reference])
    out = capsys.readouterr().out
    assert code == 0 and "deleted 1 packet file(s)" in out, out
    assert not target.exists()
    with sqlite_db.read() as s:
        assert s.scalars(select(Interaction.details).where(Interaction.kind == "packet")).all() == [{}]
