"""Parsing a large import's phone numbers ahead of it, in a second process.

Parsing and validating a number with ``phonenumbers`` (pure Python) takes about 40 µs: the largest
single cost of a big import. The import reads its rows a few chunks ahead; `PhonePrefetch.ahead`
sends a chunk's ``(raw, country)`` pairs to a worker process, which runs `parse_for_storage` on them
while the import validates and writes earlier chunks. When the import reaches the chunk,
`PhonePrefetch.results` hands over what has come back.

Nothing depends on the worker for correctness. It runs the very function the import would, on the
very arguments, so a prefetched result is the result. A chunk that is not back yet (the worker still
starting, the machine busy), a worker that cannot start or that died: the import parses those
numbers itself. Results are kept per chunk and dropped when it is done, so memory stays bounded
however long the file. The calling thread never waits for the worker.

The worker is ``python -m app.domain.phone_prefetch`` talking pickles over its stdin and stdout,
not a multiprocessing pool: multiprocessing's fork server and spawn run the parent's main script
again in the child, and a script that imports at top level would import a second time there.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterable
from typing import IO, Any

from app.domain.phone import StoredPhone, parse_for_storage

__all__ = ["PhoneKey", "PhonePrefetch", "spare_cores"]

PhoneKey = tuple[str, "str | None"]  # (raw as typed, the row's country): parse_for_storage's arguments
#: Seconds `close` gives the worker to exit before it is killed.
STOP_SECONDS = 2.0
#: Seconds `results` waits for a chunk still being parsed. 0 in use (the caller parses instead of
#: waiting); tests raise it to exercise the worker deterministically.
WAIT_SECONDS = 0.0
#: Chunks handed to the worker and not yet answered. More would only queue in the pipe, where a
#: chunk the import has meanwhile parsed itself could no longer be withdrawn.
IN_FLIGHT = 2


def spare_cores() -> int:
    """Cores this process may use beyond the one it runs on."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return max(0, usable - 1)


def parse_chunk(keys: list[PhoneKey]) -> list[tuple[Any, ...]]:
    """Each pair's StoredPhone as a plain tuple (cheaper to send than the object)."""
    out = []
    for raw, country in keys:
        p = parse_for_storage(raw, country)
        out.append((p.raw, p.e164, p.valid, p.region, p.problem, p.search_keys))
    return out


class PhonePrefetch:
    """Phones parsed ahead, chunk by chunk, in one worker process started on first use."""

    def __init__(self, *, enabled: bool | None = None) -> None:
        self.enabled = spare_cores() >= 1 if enabled is None else enabled
        self._process: subprocess.Popen[bytes] | None = None
        self._outbox: queue.SimpleQueue[tuple[int, list[PhoneKey]] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._sent: dict[int, list[PhoneKey]] = {}  # chunk → its keys, until results() takes it
        self._back: dict[int, list[tuple[Any, ...]]] = {}
        self._threads: list[threading.Thread] = []
        self._gone = False  # the worker's replies have ended (it exited or died)
        self._in_flight = 0
        self.sent = 0  # numbers sent to the worker
        self.used = 0  # numbers whose results were back in time

    def __enter__(self) -> PhonePrefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ahead(self, chunk: int, pairs: Iterable[PhoneKey]) -> None:
        """Have the worker parse `pairs`, the numbers of `chunk` (an id unique in this import)."""
        if not self.enabled or self._gone:
            return
        keys = list(dict.fromkeys(pairs))
        if not keys:
            return
        if not self.start():
            return
        with self._lock:
            self._sent[chunk] = keys
        self._outbox.put((chunk, keys))
        self.sent += len(keys)

    def results(self, chunk: int) -> dict[PhoneKey, StoredPhone]:
        """What has come back for `chunk`, keyed by (raw, country); {} when nothing has (yet)."""
        with self._lock:
            if WAIT_SECONDS > 0 and chunk in self._sent:
                self._arrived.wait_for(lambda: chunk in self._back or self._gone, WAIT_SECONDS)
            keys = self._sent.pop(chunk, None)
            values = self._back.pop(chunk, None)
        if keys is None or values is None or len(values) != len(keys):
            return {}
        self.used += len(keys)
        return {key: StoredPhone(*value) for key, value in zip(keys, values, strict=False)}

    def close(self) -> None:
        """Stop the worker; a chunk it is parsing is thrown away."""
        with self._lock:
            self.enabled = False
            self._arrived.notify_all()
        process, self._process = self._process, None
        if process is None:
            return
        self._outbox.put(None)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for thread in self._threads:
            thread.join(STOP_SECONDS)
        with self._lock:
            self._sent.clear()
            self._back.clear()

    def start(self) -> bool:
        """Start the worker now (`ahead` starts it otherwise), so that it is ready when the first
        numbers come; False when there is none (disabled, or it could not start)."""
        if self._process is not None:
            return True
        if not self.enabled:
            return False
        return self._start()

    # --- the worker --------------------------------------------------------------------------

    def _start(self) -> bool:
        if not sys.executable:  # an embedded interpreter: no python to start
            self.enabled = False
            return False
        env = dict(os.environ)
        # The child finds the same modules as this process, however this one was started.
        env["PYTHONPATH"] = os.pathsep.join(entry or os.getcwd() for entry in sys.path)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except (OSError, ValueError):
            self.enabled = False
            return False
        process = self._process
        self._threads = [
            threading.Thread(target=self._send, args=(process.stdin,), name="phone-prefetch-send", daemon=True),
            threading.Thread(target=self._receive, args=(process.stdout,), name="phone-prefetch-receive", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return True

    def _send(self, stream: IO[bytes]) -> None:
        try:
            while (message := self._outbox.get()) is not None:
                chunk = message[0]
                with self._lock:
                    self._arrived.wait_for(lambda: self._in_flight < IN_FLIGHT or self._gone or not self.enabled)
                    if chunk not in self._sent or self._gone or not self.enabled:
                        continue  # the import got there first (or is over): skip it
                    self._in_flight += 1
                pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
                stream.flush()
        except (OSError, ValueError):  # the worker is gone: results() finds nothing from now on
            pass
        finally:
            with contextlib.suppress(OSError):
                stream.close()

    def _receive(self, stream: IO[bytes]) -> None:
        try:
            while True:
                chunk, values = pickle.load(stream)
                with self._lock:
                    self._in_flight -= 1
                    if chunk in self._sent:  # not yet given up on
                        self._back[chunk] = values
                    self._arrived.notify_all()
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            pass
        finally:
            stream.close()
            with self._lock:
                self._gone = True
                self._arrived.notify_all()


def _serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The worker's loop: (chunk, keys) in, (chunk, parsed) out, until its input closes."""
    while True:
        try:
            chunk, keys = pickle.load(requests)
        except EOFError:
            return
        pickle.dump((chunk, parse_chunk(keys)), replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


if __name__ == "__main__":
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident can corrupt the replies
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        _serve(sys.stdin.buffer, channel)
