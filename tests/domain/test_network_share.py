"""A database file on a network share is recognised (Linux mount table, Windows UNC and mapped drives)
and warned about by the command line and at the desk's start."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.domain import network_share
from app.domain.network_share import is_network_filesystem, mount_fstype, network_share_warning, windows_network_kind

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
23 22 0:21 / /proc rw,nosuid - proc proc rw
30 22 0:40 / /mnt/office\\040share rw,relatime shared:7 - cifs //fileserver/office rw,vers=3.1.1
31 30 0:41 / /mnt/office\\040share/scratch rw,relatime - tmpfs tmpfs rw
32 22 0:42 / /home/me/nfs rw - nfs4 server:/export rw
33 22 0:43 / /home/me/remote rw,nosuid - fuse.sshfs me@host:/ rw
34 22 0:44 / /mnt/vm rw - 9p hostshare rw
35 22 0:45 / /srv/stack rw - nfs server:/old rw
36 22 8:2 / /srv/stack rw - ext4 /dev/sda2 rw
"""


@pytest.mark.parametrize(("path", "fstype"), [
    ("/mnt/office share/medtour.db", "cifs"),
    ("/mnt/office share", "cifs"),
    ("/mnt/office share/scratch/medtour.db", "tmpfs"),  # a local mount inside the share
    ("/mnt/office/medtour.db", "ext4"),  # only whole path components match
    ("/home/me/nfs/a/b.db", "nfs4"),
    ("/home/me/remote/x.db", "fuse.sshfs"),
    ("/srv/stack/x.db", "ext4"),  # mounted over the NFS one: the later mount is on top
    ("/tmp/x.db", "ext4"),
])
def test_the_mount_holding_a_path(path, fstype):
    assert mount_fstype(path, MOUNTINFO) == fstype


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux mount table")
@pytest.mark.parametrize(("path", "network"), [
    ("/mnt/office share/medtour.db", "cifs"),
    ("/mnt/office share/scratch/medtour.db", None),
    ("/home/me/nfs/b.db", "nfs4"),
    ("/home/me/remote/x.db", "fuse.sshfs"),
    ("/mnt/vm/x.db", None),  # a virtual machine's folder from its host is not another computer's share
    ("/srv/stack/x.db", None),
])
def test_network_file_systems_by_type(path, network):
    assert is_network_filesystem(path, mountinfo=MOUNTINFO) == network


def test_a_garbled_mount_table_says_nothing():
    assert mount_fstype("/a/b", "nonsense\n\n1 2 3\n") is None


@pytest.mark.parametrize(("path", "drive_type", "kind"), [
    (r"\\fileserver\office\medtour.db", None, "SMB"),
    ("//fileserver/office/medtour.db", None, "SMB"),
    (r"\\?\UNC\fileserver\office\medtour.db", None, "SMB"),
    (r"\\?\C:\Users\me\medtour.db", 3, None),
    (r"C:\Users\me\medtour.db", 3, None),  # DRIVE_FIXED
    (r"Z:\medtour.db", 4, "SMB"),  # DRIVE_REMOTE: a mapped network drive
])
def test_windows_unc_paths_and_mapped_drives(path, drive_type, kind):
    assert windows_network_kind(path, drive_type) == kind


@pytest.mark.skipif(not Path("/proc/self/mountinfo").exists(), reason="Linux only")
def test_this_machines_temporary_folder_is_not_a_share(tmp_path):
    assert is_network_filesystem(tmp_path / "medtour.db") is None
    assert network_share_warning(tmp_path / "medtour.db") is None


@pytest.fixture
def tmp_on_a_share(tmp_path, monkeypatch) -> Path:
    """The mount table read says `tmp_path` is an SMB share."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the Linux mount table")
    table = tmp_path / "mountinfo"
    escaped = str(tmp_path.resolve()).replace(" ", "\\040")
    table.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:50 / {escaped} rw - cifs //srv/office rw\n")
    monkeypatch.setattr(network_share, "MOUNTINFO", table)
    return tmp_path


def test_the_warning_names_the_file_system(tmp_on_a_share):
    warning = network_share_warning(tmp_on_a_share / "medtour.db")
    assert warning is not None
    assert warning.startswith("This database is on a network share (cifs). SQLite is not safe there")
    assert "PostgreSQL team database" in warning


def test_the_command_line_warns_once_on_stderr(tmp_on_a_share, capsys):
    from app.cli import main

    db = str(tmp_on_a_share / "office.db")
    assert main(["init", db]) == 0
    capsys.readouterr()
    assert main(["--db", db, "leads", "--json"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "[]"
    assert err.count("network share (cifs)") == 1 and err.startswith("warning: This database is on a network share")


def test_a_server_database_gets_no_warning(tmp_on_a_share):
    from app.storage import network_share_warning as storage_warning
    from db.engine import Database

    memory = Database("sqlite://")
    try:
        assert storage_warning(memory) is None
    finally:
        memory.dispose()


@pytest.mark.gui
def test_the_desk_warns_when_it_opens_a_file_on_a_share(qtbot, tmp_on_a_share):
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.startup import open_initial_database

    prompts = ScriptedPrompts()
    db = open_initial_database(str(tmp_on_a_share / "desk.db"), prompts=prompts)
    assert db is not None
    db.dispose()
    assert prompts.titles("inform") == ["The database is on a network share"]
    assert "(cifs)" in prompts.texts("inform")[0]
    # Opened again through the start-up cache: still warned.
    again = ScriptedPrompts()
    db = open_initial_database(str(tmp_on_a_share / "desk.db"), prompts=again)
    assert db is not None
    db.dispose()
    assert len(again.texts("inform")) == 1


@pytest.mark.gui
def test_the_desk_opens_a_local_file_without_a_word(qtbot, tmp_path):
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.startup import open_initial_database

    prompts = ScriptedPrompts()
    db = open_initial_database(str(tmp_path / "desk.db"), prompts=prompts)
    assert db is not None
    db.dispose()
    assert prompts.seen == []
