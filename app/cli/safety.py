"""`medtour backup | restore | check | erase | lead export-personal`: a thin face over app.safety.

Errors are UserErrors the CLI prints as one line (exit 1).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.confirm import confirm_by_reference
from app.cli.database import open_existing, target
from app.error_words import EXIT_USER_ERROR


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _print_copies(copies, heading: str) -> None:
    from app.safety.backups import human_size

    if not copies:
        return
    print(heading)
    for copy in copies:
        print(f"  {_when(copy.created_at)}  {human_size(copy.size):>9}  {copy.kind:<15} {copy.path}")


def _refuse_server_database(target: str | None, action: str):
    """The database URL when it is an SQLite file; a server database is refused before connecting."""
    from app.safety.backups import PG_DUMP_ADVICE, BackupNotSupportedError
    from app.storage import database_url

    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        raise BackupNotSupportedError(f"{url.render_as_string(hide_password=True)} {PG_DUMP_ADVICE}; it cannot be {action} here")
    return url


def cmd_backup(args: argparse.Namespace) -> int:
    from app.safety.backups import human_size, list_backups, make_backup, require_sqlite

    _refuse_server_database(target(args), "backed up")
    db = open_existing(args)
    if args.list:
        path = require_sqlite(db, "listed")
        copies = list_backups(path)
        if not copies:
            print(f"no backups of {path} yet")
        _print_copies(copies, f"backups of {path} (newest first):")
        return 0
    result = make_backup(db, args.dest)
    print(f"backed up {result.leads:,} lead(s) to {result.backup.path} ({human_size(result.backup.size)}, verified)")
    if result.removed:
        print(f"rotated out {len(result.removed)} older backup(s) (7 daily, 4 weekly are kept)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.safety.restore import restore_database
    from app.storage import open_database, reerased

    url = _refuse_server_database(target(args), "restored")
    result = restore_database(Path(url.database), args.file)  # never opens the (possibly damaged) current file first
    db = open_database(result.database)  # upgrades an older schema, after its own backup; re-applies erasures
    again = reerased(db)
    db.dispose()
    print(f"restored {result.info.leads:,} lead(s) from {result.restored_from} into {result.database}")
    if again is not None:
        print(again.words())
    if result.aside is not None:
        print(f"the database it replaced was kept as {result.aside}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.safety.integrity_check import check_database

    report = check_database(open_existing(args))
    for note in report.notes:
        print(f"note: {note}")
    if report.ok:
        print(f"{report.location}: all {len(report.checks)} checks passed ({', '.join(report.checks)})")
        return 0
    print(f"{report.location}: {len(report.findings)} problem(s) found")
    for finding in report.findings:
        print(f"  [{finding.check}] {finding.message}")
    return EXIT_USER_ERROR


def _confirm_erasure(reference: str, assume_yes: bool) -> None:
    confirm_by_reference(reference, "erase this person for good", assume_yes=assume_yes, not_done="nothing was erased")


def cmd_erase(args: argparse.Namespace) -> int:
    from app.safety.erasure import erase_person, erasure_preview

    db = open_existing(args)
    preview = erasure_preview(db, args.lead)
    if preview.erased_at is not None:  # erased before, with files still to delete: finish the job
        print(f"{preview.reference} was erased on {preview.erased_at:%Y-%m-%d}; "
              f"deleting the {len(preview.packet_files)} file(s) left then")
        return _report_erasure(erase_person(db, preview.reference))
    print(f"{preview.reference}: {preview.name}")
    if len(preview.references) > 1:
        print(f"  merged with {', '.join(r for r in preview.references if r != preview.reference)} (the same person; erased too)")
    print(f"  {preview.phones} phone(s), {preview.interactions} interaction(s), {preview.status_changes} status change(s), "
          f"{preview.field_edits} recorded edit(s), {len(preview.packet_files)} packet file(s), "
          f"{preview.documents} medical document(s)")
    _confirm_erasure(preview.reference, args.yes)
    result = erase_person(db, preview.reference)
    print(f"erased {', '.join(result.references)}: personal data removed; a tombstone (reference, status, dates) remains")
    return _report_erasure(result)


def _report_erasure(result) -> int:
    """The files and copies an erasure dealt with; exit 1 while files are still left to delete."""
    if result.deleted_files:
        print(f"deleted {len(result.deleted_files)} packet file(s)")
    for name in result.files_not_deleted:
        print(f"not deleted (already gone, or outside the packets folder and not the file the app wrote): {name}")
    for note in result.notes:
        print(f"note: {note}")
    for left in result.files_left:
        print(f"still left (not deleted: {left.reason}): {left.path}")
    if result.files_left:
        print(f"run `medtour erase {result.reference}` again once they can be deleted; they are kept on the "
              "erasure's to-do list until then")
    elif result.finished_earlier:
        print(f"the erasure of {result.reference} is complete: nothing is left to delete")
    _print_copies(result.older_copies, "older copies made before the erasure still hold this person's data "
                                       "until they rotate out or you delete them:")
    return EXIT_USER_ERROR if result.files_left else 0


def cmd_export_personal(args: argparse.Namespace) -> int:
    from app.safety.personal_export import export_personal_data

    result = export_personal_data(open_existing(args), args.lead, args.output, force=args.force)
    print(f"wrote everything held about {result.reference} to {result.json_path} and {result.pdf_path}")
    return 0


def register(sub, lead_sub) -> None:
    p = sub.add_parser("backup", help="back up the database (into the rotating set, or to DEST)")
    p.add_argument("dest", metavar="DEST", nargs="?", help="a file or folder (default: the backups folder, rotated)")
    p.add_argument("--list", action="store_true", help="list the backups of this database instead")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (the current one is kept aside)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", help="check the database's integrity and consistency (exit 1 when something is wrong)")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("erase", help="erase everything held about a person (right to erasure)")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_erase)

    p = lead_sub.add_parser("export-personal", help="everything held about the person, as JSON and a PDF summary")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("-o", "--output", metavar="FILE", help="the JSON file (the PDF goes beside it); default: ./REF-personal-data.json")
    p.add_argument("--force", action="store_true", help="replace the files if they exist (never the database)")
    p.set_defaults(handler=cmd_export_personal)

