"""Is a database file on a network share? SQLite's locking is not safe on NFS or SMB: two computers
writing at once can damage the file. The desk and the command line warn when they open one there.

Detected where the platform tells:

- Linux: the mount holding the path (the longest mount point that is a prefix of the resolved
  path, the last one mounted when several share it) in /proc/self/mountinfo, by its type;
- macOS: statfs(2)'s f_fstypename, or a file system not flagged MNT_LOCAL;
- Windows: a UNC path (\\\\server\\share\\…) or a drive letter mapped to a network share.

Anything that cannot be read says "not a network share": the warning is advice, never a refusal.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

__all__ = ["NETWORK_FSTYPES", "is_network_filesystem", "mount_fstype", "network_share_warning", "windows_network_kind"]

#: File system types that are a share on another computer (Linux names; macOS's smbfs/afpfs/webdav too).
NETWORK_FSTYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smb2", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "lustre", "gpfs",
    "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.cephfs", "fuse.rclone", "fuse.s3fs", "davfs", "fuse.davfs2",
    "afpfs", "webdav",
})

#: Where Linux lists this process's mounts (read at each call; tests point it at a file of their own).
MOUNTINFO = Path("/proc/self/mountinfo")

_DRIVE_REMOTE = 4  # GetDriveTypeW
_MNT_LOCAL = 0x00001000  # macOS statfs f_flags


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in paths as \\040, \\011, \\012, \\134."""
    out = []
    i = 0
    while i < len(field):
        code = field[i + 1:i + 4]
        if field[i] == "\\" and len(code) == 3 and all(c in "01234567" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _contains(mount_point: PurePosixPath, path: PurePosixPath) -> bool:
    return path == mount_point or mount_point in path.parents


def mount_fstype(path: str | os.PathLike[str], mountinfo: str) -> str | None:
    """The type of the file system holding `path` (absolute, resolved) according to `mountinfo`
    (the text of /proc/self/mountinfo); None when no mount holds it."""
    target = PurePosixPath(os.fspath(path))
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if len(fields) < 7 or "-" not in fields[6:]:
            continue
        separator = fields.index("-", 6)
        if separator + 1 >= len(fields):
            continue
        mount_point = PurePosixPath(_unescape(fields[4]))
        if not _contains(mount_point, target):
            continue
        depth = len(mount_point.parts)
        if best is None or depth >= best[0]:  # equal depth: the later mount is on top
            best = (depth, fields[separator + 1])
    return best[1] if best else None


def windows_network_kind(path: str, drive_type: int | None = None) -> str | None:
    """"SMB" for a UNC path (\\\\server\\share, \\\\?\\UNC\\server\\share) or a drive whose type is
    DRIVE_REMOTE (`drive_type` as GetDriveTypeW gives it; asked of Windows when None)."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return "SMB"
    if text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "SMB"
    drive = PureWindowsPath(text).drive
    if not drive:
        return None
    if drive_type is None:
        if sys.platform != "win32":
            return None
        drive_type = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
    return "SMB" if drive_type == _DRIVE_REMOTE else None


class _MacStatfs(ctypes.Structure):
    _fields_ = [
        ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32), ("f_blocks", ctypes.c_uint64),
        ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
        ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2), ("f_owner", ctypes.c_uint32),
        ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
        ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
        ("f_mntfromname", ctypes.c_char * 1024), ("f_reserved", ctypes.c_uint32 * 8),
    ]


def _macos_fstype(path: Path) -> str | None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs  # the 64-bit struct on both CPUs
    buf = _MacStatfs()
    existing = path if path.exists() else path.parent
    if statfs(os.fsencode(existing), ctypes.byref(buf)) != 0:
        return None
    name = buf.f_fstypename.decode(errors="replace")
    if name in NETWORK_FSTYPES:
        return name
    return name if not buf.f_flags & _MNT_LOCAL else None


def is_network_filesystem(path: str | os.PathLike[str], *, mountinfo: str | None = None) -> str | None:
    """The network file system type `path` is on ("cifs", "nfs4", "SMB"…), or None for a local one
    (or when the platform does not say). `mountinfo` is the Linux mount table's text (read from
    /proc/self/mountinfo when None)."""
    try:
        if sys.platform == "win32":
            return windows_network_kind(os.fspath(path))
        resolved = Path(path).expanduser().resolve()
        if sys.platform == "darwin" and mountinfo is None:
            return _macos_fstype(resolved)
        if mountinfo is None:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except (OSError, AttributeError, ValueError):
        return None
    fstype = mount_fstype(resolved, mountinfo)
    return fstype if fstype in NETWORK_FSTYPES else None


def network_share_warning(path: str | os.PathLike[str] | None) -> str | None:
    """The warning for an SQLite database file on a network share; None when it is not on one."""
    if path is None:
        return None
    fstype = is_network_filesystem(path)
    if fstype is None:
        return None
    return (f"This database is on a network share ({fstype}). SQLite is not safe there: two computers writing "
            "at once can damage it. Use a PostgreSQL team database (see README, Team) or keep the file on this computer.")
