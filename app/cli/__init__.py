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

EXIT_USAGE = 2  # argparse's; a failure's exit code comes with its words (app.error_words)


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
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - every failure, Ctrl+C included, is one line in the shared words
        from app.error_words import report_error

        return report_error(exc)
    finally:
        close_all(args)


def _reader_left() -> int:
    """`medtour leads | head`: the reader left; not an error. What is still buffered for stdout goes
    nowhere, so the interpreter's last flush does not complain either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0
