"""A throwaway PostgreSQL server on loopback: the test suite's (started once per session) and
`make team-demo`'s. Its cluster lives in a temporary folder and is removed when it stops.

Only its own superuser ("medtour") is trusted, on the socket and on 127.0.0.1; every other role
signs in with a password checked by SCRAM-SHA-256, as a team's coordinators do on a real server.
Nothing listens beyond loopback. As root, initdb and pg_ctl run as the "postgres" user.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: pg_hba.conf: the suite's superuser is trusted (tests create databases and roles as it); every
#: other role needs its password, sent as SCRAM-SHA-256. Nothing listens beyond loopback.
HBA_TEMPLATE = """\
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       {user}                   trust
host    all       {user}    127.0.0.1/32   trust
local   all       all                      scram-sha-256
host    all       all       127.0.0.1/32   scram-sha-256
"""


def find_bindir() -> Path | None:
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: Path
    folder: Path
    port: int
    user: str

    def url(self, database: str = "postgres", *, user: str | None = None, password: str | None = None) -> str:
        """The URL of `database` as the suite's superuser, or as `user` signing in with `password`."""
        who = quote(user or self.user, safe="")
        if password is not None:
            who += ":" + quote(password, safe="")
        return f"postgresql+psycopg://{who}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres", *, user: str | None = None, password: str | None = None) -> str:
        """The same as a libpq connection string, for plain psycopg (and psql)."""
        return self.url(database, user=user, password=password).replace("postgresql+psycopg://", "postgresql://")

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False)

    def start(self) -> None:
        data = self.folder / "data"
        result = self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr.strip()}")
        hba = data / "pg_hba.conf"
        hba.write_text(HBA_TEMPLATE.format(user=self.user))
        if os.geteuid() == 0:
            shutil.chown(hba, "postgres", "postgres")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.folder} -c fsync=off "
                   "-c password_encryption=scram-sha-256")
        result = self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        if result.returncode != 0:
            log = (self.folder / "log").read_text(errors="replace") if (self.folder / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr.strip()} {log[-500:]}")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(prefix: str = "medtour-pg-") -> PostgresServer:
    """A new cluster in a temporary folder named `prefix…`, started and listening."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb) on this machine: install PostgreSQL 15")
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = PostgresServer(bindir, folder, free_port(), "medtour")
    server.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", server.port)) == 0:
                return server
        time.sleep(0.05)
    server.stop()
    raise RuntimeError("PostgreSQL did not start listening")
