"""A case's medical records at the command line.

    medtour records REF [--json]                          the checklist, with the files behind each item
    medtour records request REF [ITEM…] [--via whatsapp] [--lang xx]
                                                          mark items requested (default: every one
                                                          missing) and print the message to send
    medtour records received REF ITEM [--note TEXT]       received without a file here (a paper copy)
    medtour records accept REF ITEM                       accept a received item (it needs a file or link)
    medtour records send-back REF ITEM --reason TEXT      back to requested, saying why
    medtour records add REF --label TEXT                  an item added by hand
    medtour records reads REF [--json]                    the read log: who opened or exported what, when
    medtour attach REF FILE --as ITEM                     store a file on an item (it becomes received)
    medtour attach REF --link URL --as ITEM               a link to large imaging instead of its bytes
    medtour document export REF DOC_ID -o FILE [--force]  write a document out (on the read log)

ITEM is an item's id (`pathology_report`, `extra_1`) or its English label, case-insensitive.
"""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.database import open_existing
from app.cli.output import Progress, print_json, when

RECORDS_ACTIONS = ("request", "received", "accept", "send-back", "add", "reads")


def _file_json(doc: Any) -> dict[str, Any]:
    return {"id": doc.id, "filename": doc.filename, "media_type": doc.media_type, "size": doc.size, "sha256": doc.sha256,
            "link": doc.link, "added_at": doc.added_at, "kind": doc.kind, "note": doc.note, "added_by": doc.added_by}


def _item_json(item: Any) -> dict[str, Any]:
    return {"id": item.key, "label": item.label, "state": item.state, "required": item.required,
            "requested_at": item.requested_at, "via": item.requested_via, "received_at": item.received_at,
            "accepted_at": item.accepted_at, "changed_by": item.changed_by, "note": item.note,
            "files": [_file_json(f) for f in item.files]}


def _size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _state_words(item: Any) -> str:
    from app.domain.case_words import RECORD_STATES, REQUEST_CHANNELS

    words = RECORD_STATES.get(item.state, item.state)
    if item.state == "requested" and item.requested_at:
        words += f" {when(item.requested_at)}" + (f" by {REQUEST_CHANNELS.get(item.requested_via or '', item.requested_via)}"
                                                 if item.requested_via else "")
    elif item.state == "received" and item.received_at:
        words += f" {when(item.received_at)}"
    elif item.state == "accepted" and item.accepted_at:
        words += f" {when(item.accepted_at)}"
    if item.changed_by and item.state != "missing":
        words += f" ({item.changed_by})"
    return words


def _print_checklist(checklist: Any) -> None:
    print(f"{checklist.reference} — medical records, from {checklist.basis}")
    width = max((len(i.key) for i in checklist.items), default=10)
    for item in checklist.items:
        extra = "" if item.required else "  [not required now]"
        print(f"  {item.key:<{width}}  {item.label}")
        print(f"  {'':<{width}}  {_state_words(item)}{extra}" + (f" — {item.note}" if item.note else ""))
        for doc in item.files:
            what = doc.link if doc.kind == "link" else f"{doc.filename}  {doc.media_type}  {_size(doc.size)}"
            print(f"  {'':<{width}}    #{doc.id} {what}  added {when(doc.added_at)}")
    missing = checklist.missing
    print(f"{len(missing)} of {sum(1 for i in checklist.items if i.required)} required records still to come"
          if missing else "every required record is in")


def cmd_records(args: argparse.Namespace) -> int:
    from app.domain.errors import ValidationError

    words = list(args.words)
    action = words[0] if words[0] in RECORDS_ACTIONS else "show"
    if action != "show":
        words = words[1:]
    if not words:
        raise ValidationError(f"give the lead: medtour records {'' if action == 'show' else action + ' '}REF")
    lead, rest = words[0], words[1:]
    handler = {"show": _show, "request": _request, "received": _received, "accept": _accept, "send-back": _send_back,
               "add": _add, "reads": _reads}[action]
    return handler(args, lead, rest)


def _one_item(action: str, rest: list[str]) -> str:
    from app.domain.errors import ValidationError

    if len(rest) != 1:
        raise ValidationError(f"give one ITEM: medtour records {action} REF ITEM (its id or English label, quoted)")
    return rest[0]


def _show(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_records import record_checklist
    from app.domain.errors import ValidationError

    if rest:
        raise ValidationError(f"unexpected {' '.join(rest)!r}: to ask for records, `medtour records request REF ITEM…`")
    checklist = record_checklist(open_existing(args), lead)
    if args.json:
        print_json({"items": [_item_json(i) for i in checklist.items]})
    else:
        _print_checklist(checklist)
    return 0


def _request(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_file import case_lead
    from app.domain.case_records import checklist_in, request_records
    from app.domain.errors import ValidationError
    from app.packets.records_request import Addressee, message_signer, records_request_message

    db = open_existing(args)
    with db.read() as session:
        found = case_lead(session, lead)
        checklist = checklist_in(session, found)
        chosen = [checklist.item(i) for i in rest] if rest else checklist.missing
        patient, coordinator = Addressee(found.full_name, found.latin_name, found.language), found.coordinator_id
    if not chosen:
        raise ValidationError(f"{checklist.reference} has no records missing: nothing to request")
    # Signed and worded before anything is marked, so a missing profile changes nothing.
    message = records_request_message(patient, chosen, args.lang, coordinator_name=message_signer(db, coordinator))
    requested = request_records(db, lead, [i.key for i in chosen], via=args.via)
    if args.json:
        print_json({"items": [_item_json(i) for i in requested], "language": message.language, "message": message.text})
    else:
        print(message.text)
        print(f"\n({len(requested)} record{'' if len(requested) == 1 else 's'} marked requested by {args.via})")
    return 0


def _received(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_records import mark_received

    item = mark_received(open_existing(args), lead, _one_item("received", rest), note=args.note)
    print(f"{item.label}: received")
    return 0


def _accept(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_records import accept_record

    item = accept_record(open_existing(args), lead, _one_item("accept", rest), note=args.note)
    print(f"{item.label}: accepted")
    return 0


def _send_back(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_records import send_back

    item = send_back(open_existing(args), lead, _one_item("send-back", rest), args.reason or "")
    print(f"{item.label}: sent back to requested ({item.note})")
    return 0


def _add(args: argparse.Namespace, lead: str, rest: list[str]) -> int:
    from app.domain.case_records import add_record_item
    from app.domain.errors import ValidationError

    label = args.label or (" ".join(rest) if rest else None)
    if not label:
        raise ValidationError("give the record's label: medtour records add REF --label TEXT")
    item = add_record_item(open_existing(args), lead, label)
    if args.json:
        print_json(_item_json(item))
    else:
        print(f"added {item.key}: {item.label} (missing)")
    return 0


def _reads(args: argparse.Namespace, lead: str, _rest: list[str]) -> int:
    from app.domain.case_records import document_reads_for

    entries = document_reads_for(open_existing(args), lead)
    if args.json:
        print_json({"reads": entries})
        return 0
    if not entries:
        print("no document has been opened or exported")
    for e in entries:
        who = e.coordinator or "?"
        login = f" [{e.login}]" if e.login else ""
        what = e.filename or (f"document {e.document_id}" if e.document_id else "a document since erased")
        print(f"{when(e.read_at)}  {e.purpose:<8}  {who}{login}  {what}")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from app.domain.case_records import attach_file, attach_link
    from app.domain.errors import ValidationError

    if bool(args.file) == bool(args.link):
        raise ValidationError("give a FILE to store, or --link URL for imaging kept elsewhere (not both)")
    db = open_existing(args)
    if args.link:
        result = attach_link(db, args.lead, args.item, args.link, note=args.note)
    else:
        progress = Progress()
        try:
            result = attach_file(db, args.lead, args.item, args.file, note=args.note, progress=progress)
        finally:
            progress.end()
    if args.json:
        print_json({"duplicate": result.duplicate, "message": result.message, "file": _file_json(result.document),
                    "item": _item_json(result.item)})
    else:
        print(result.message + ("" if result.duplicate else f" — document #{result.document.id}"))
    return 0


def cmd_document_export(args: argparse.Namespace) -> int:
    from app.domain.case_records import export_document

    path = export_document(open_existing(args), args.lead, args.document, args.output, force=args.force)
    print(f"wrote {path} (the export is on the read log)")
    return 0


def register(sub, _lead_sub) -> None:
    from app.domain.case_words import REQUEST_CHANNELS

    p = sub.add_parser(
        "records", help="a case's medical records: the checklist; request, received, accept, send-back, add, reads",
        usage="medtour records [ACTION] REF [ITEM …] [options]",
        description="medtour records REF | records request REF [ITEM…] [--via CH] | records received REF ITEM | "
                    "records accept REF ITEM | records send-back REF ITEM --reason TEXT | records add REF --label TEXT | "
                    "records reads REF. ITEM is an item's id or its English label.")
    p.add_argument("words", nargs="+", metavar="ARG", help="[ACTION] REF [ITEM …]: an action (optional), the lead, items")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--via", default="email", choices=list(REQUEST_CHANNELS), help="request: how they were asked (default email)")
    p.add_argument("--lang", metavar="xx", help="request: the message's language (default: the patient's)")
    p.add_argument("--label", metavar="TEXT", help="add: the new item's label")
    p.add_argument("--reason", metavar="TEXT", help="send-back: why it goes back")
    p.add_argument("--note", metavar="TEXT", help="received / accept: a note on the item")
    p.set_defaults(handler=cmd_records)

    p = sub.add_parser("attach", help="store a file (or --link URL) on a record item of a case")
    p.add_argument("lead", metavar="REF", help="the lead's reference or id")
    p.add_argument("file", metavar="FILE", nargs="?", help="the file to store in the database")
    p.add_argument("--as", dest="item", metavar="ITEM", required=True, help="the item: its id or English label")
    p.add_argument("--link", metavar="URL", help="a link to large imaging instead of a file")
    p.add_argument("--note", metavar="TEXT", help="a note on the document")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("document", help="a case's documents: export")
    p.set_defaults(group_parser=p)
    docs = p.add_subparsers(dest="document_command", metavar="ACTION")  # the group's kind: they take --db too
    e = docs.add_parser("export", help="write a document to a file (recorded on the read log)")
    e.add_argument("lead", metavar="REF", help="the lead's reference or id")
    e.add_argument("document", metavar="DOC_ID", type=int, help="the document's id (see `medtour records REF`)")
    e.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    e.add_argument("--force", action="store_true", help="replace FILE if it exists")
    e.set_defaults(handler=cmd_document_export)
