"""The `medtour` command line: a thin face over app.domain, app.packets and app.safety.

One module per group of commands (`app.cli.leads`, `files`, `packets`, `safety`, …), each adding
its commands in `register`; `app.cli.parser` lists the groups. Errors print one clear line to
stderr and exit non-zero; nothing is half-written because every command is one transaction in
the domain layer.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from app.domain.errors import ConflictError, UserError

EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        (getattr(args, "group_parser", None) or parser).print_help()
        return 0 if args.command is None else EXIT_USAGE
    from app.cli.database import close_all

    try:
        code = handler(args)
        sys.stdout.flush()  # a reader that left (`| head`) shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_left()
    except BaseException as exc:  # noqa: BLE001 - worded by failure_exit; SystemExit passes through
        if isinstance(exc, SystemExit):
            raise
        return failure_exit(exc)
    finally:
        close_all(args)


def failure_exit(exc: BaseException) -> int:
    """Word a failure on one line of stderr; the exit code."""
    if isinstance(exc, ConflictError):
        print(f"medtour: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, (UserError, ValueError, OSError)):
        print(f"medtour: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, KeyboardInterrupt):
        print("medtour: interrupted; nothing was half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    from app.error_log import log_exception  # a bug: say so plainly, keep details in the log

    where = log_exception(exc)
    print(f"medtour: unexpected error ({type(exc).__name__}); details were logged to {where}", file=sys.stderr)
    return EXIT_BUG


def _reader_left() -> int:
    """`medtour leads | head`: the reader left; not an error. What is still buffered for stdout goes
    nowhere, so the interpreter's last flush does not complain either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.filename:
        text = f"{exc.strerror or text}: {exc.filename}"
    return " ".join(text.split())
