"""`medtour packet | packets`: patient information packets (PDF) from app.packets."""
from __future__ import annotations

import argparse
import time

from app.cli.database import open_existing
from app.cli.output import Progress, print_json


def cmd_packet(args: argparse.Namespace) -> int:
    from app.packets.lead_packets import plan_for_lead, write_for_lead

    if args.explain:
        plan = plan_for_lead(open_existing(args), args.lead, lang=args.lang, program=args.program, offer=args.offer)
        print_json(plan.to_json())
        return 0
    made = write_for_lead(open_existing(args), args.lead, args.output, lang=args.lang, program=args.program,
                          offer=args.offer, record=not args.no_record, force=args.force)
    what = f"{made.program}, {made.offer}" if made.offer else "no program proposed: the doctors review the records first"
    print(f"{made.path}  ({made.reference}, {made.language}, {what}, {made.size / 1024:.0f} KB, sha256 {made.sha256[:12]}…)")
    return 0


def cmd_packets(args: argparse.Namespace) -> int:
    from app.domain.pipeline import parse_status
    from app.packets.lead_packets import write_batch

    status = parse_status(args.status).value
    started = time.perf_counter()

    progress = Progress()
    made = write_batch(open_existing(args), args.output, status=status, lang=args.lang, program=args.program,
                       workers=args.workers, record=not args.no_record, progress=progress)
    progress.end()
    print(f"wrote {len(made)} packet(s) for status {status} to {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("packet", help="write a lead's information packet (PDF)")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--lang", help="en, ru, ar or zh (default: the lead's language, else English)")
    p.add_argument("--program", metavar="KEY",
                   help="price one of this program's hospital offers (default: the chosen quote, else an offer "
                        "that fits the diagnosis, else no program and no price)")
    p.add_argument("--offer", metavar="KEY", help="price this catalogue offer, e.g. eastbank_lymphoma")
    p.add_argument("-o", "--output", metavar="FILE.pdf",
                   help="where to write it: a file, or a folder (DIR/) for REF_LANG.pdf in it (default: here)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists (never the database)")
    p.add_argument("--no-record", action="store_true", help="do not put it on the lead's timeline")
    p.add_argument("--explain", action="store_true",
                   help="print, as JSON, what the packet would be built from (kind, program, hospital, travellers, "
                        "coordinator, estimate lines); no PDF is written and nothing is recorded")
    p.set_defaults(handler=cmd_packet)

    p = sub.add_parser("packets", help="write packets for every lead with a status, on all cores")
    p.add_argument("--status", required=True, help="e.g. quote_sent")
    p.add_argument("-o", "--output", required=True, metavar="DIR/", help="folder for the PDFs")
    p.add_argument("--lang", help="force one language for all")
    p.add_argument("--program", metavar="KEY", help="price one of this program's offers for all")
    p.add_argument("--workers", type=int, help="processes (default: all cores)")
    p.add_argument("--no-record", action="store_true", help="do not put them on the leads' timelines")
    p.set_defaults(handler=cmd_packets)
