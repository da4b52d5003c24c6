"""`medtour hospital list | show` and `medtour catalogue export | import | history`: the partner
catalogue (app.domain.catalogue), its TOML file (app.domain.catalogue_toml) and who changed it.

Reading works for everyone; importing is for an admin in team mode (solo, whoever is working).
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.cli.database import open_existing
from app.cli.output import print_json, when
from app.domain.case_words import APPROVAL_STATES

if TYPE_CHECKING:  # the catalogue (and its tables) load when a catalogue command runs
    from app.domain.catalogue import Catalogue, Hospital, Offer


def offer_json(offer: Offer) -> dict[str, Any]:
    return {"key": offer.key, "program": offer.program, "product": offer.product, "approval": offer.approval,
            "registry": offer.registry, "currency": offer.currency, "indications": list(offer.indications),
            "excludes": list(offer.excludes), "records": list(offer.records),
            "requires_companion": offer.requires_companion}


def hospital_json(catalogue: Catalogue, hospital: Hospital) -> dict[str, Any]:
    return {
        "key": hospital.key, "name": hospital.name, "local_name": hospital.local_name, "city": hospital.city,
        "country": hospital.country, "airport": hospital.airport,
        "accreditations": [{"body": a.body, "year": a.year} for a in hospital.accreditations],
        "car_t_experience": hospital.car_t_experience, "patients_treated": hospital.patients_treated,
        "languages": list(hospital.languages), "international": dict(hospital.international),
        "hotline": hospital.hotline,
        "doctors": [{"name": d.name, "local_name": d.local_name, "title": d.title, "languages": list(d.languages)}
                    for d in hospital.doctors],
        "offers": [offer_json(o) for o in catalogue.offers_of(hospital.key)],
    }


def _catalogue(args: argparse.Namespace) -> Catalogue:
    from app.domain.catalogue import current_catalogue

    return current_catalogue(open_existing(args))


def _cut(text: str | None, width: int) -> str:
    text = text or "—"
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_hospital_list(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    hospitals = list(catalogue.hospitals.values())
    if args.json:
        print_json({"hospitals": [hospital_json(catalogue, h) for h in hospitals], "revision": catalogue.revision})
        return 0
    if not hospitals:
        print("no partner hospitals in the catalogue (medtour catalogue import FILE)")
        return 0
    print(f"{'KEY':<22} {'NAME':<40} {'CITY':<14} {'ACCREDITATION':<14} {'OFFERS':>6}  HOTLINE")
    for h in hospitals:
        accreditation = ", ".join(str(a) for a in h.accreditations)
        print(f"{_cut(h.key, 22):<22} {_cut(h.name, 40):<40} {_cut(f'{h.city}, {h.country}', 14):<14} "
              f"{_cut(accreditation, 14):<14} {len(catalogue.offers_of(h.key)):>6}  {h.hotline or '—'}")
    print(f"catalogue revision {catalogue.revision or '— (the seed file)'}")
    return 0


def _amount(value: Any) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def cmd_hospital_show(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    h = catalogue.hospital(args.hospital)
    if args.json:
        print_json({**hospital_json(catalogue, h), "revision": catalogue.revision})
        return 0
    lines = [f"{h.name}" + (f" ({h.local_name})" if h.local_name else "") + f"  [{h.key}]",
             f"  City:            {h.city}, {h.country}",
             f"  Airport:         {h.airport or '—'}",
             f"  Accreditation:   {', '.join(str(a) for a in h.accreditations) or '—'}",
             f"  CAR-T:           {h.car_t_experience or '—'}"
             + (f" ({h.patients_treated:,} patients treated)" if h.patients_treated else ""),
             f"  Languages:       {', '.join(h.languages) or '—'}"]
    for key in ("contact", "email", "phone"):
        if h.international.get(key):
            lines.append(f"  International {key + ':':<9}{h.international[key]}")
    lines.append(f"  24/7 line:       {h.hotline or '—'}")
    if h.notes:
        lines.append(f"  Notes:           {h.notes}")
    for d in h.doctors:
        lines.append(f"  Doctor:          {d.name}" + (f" ({d.local_name})" if d.local_name else "")
                     + (f", {d.title}" if d.title else ""))
    for o in catalogue.offers_of(h.key):
        approval = APPROVAL_STATES.get(o.approval, o.approval) + (f" ({o.registry})" if o.registry else "")
        low, high = sum(i.low for i in o.medical), sum(i.high for i in o.medical)
        lines += ["", f"  Offer {o.key}: {o.product}",
                  f"    Approval:      {approval}",
                  f"    Medical:       {_amount(low)}–{_amount(high)} {o.currency} ({len(o.medical)} line items)",
                  f"    Records:       {', '.join(catalogue.record(r).label for r in o.records) or '—'}",
                  f"    Companion:     {'required' if o.requires_companion else 'not required'}"]
    print("\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.domain.catalogue_toml import export_catalogue

    text = export_catalogue(open_existing(args), args.output, force=args.force)
    if args.output:
        print(f"catalogue written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.domain.catalogue_toml import import_catalogue

    result = import_catalogue(open_existing(args), args.file, note=args.note)
    c = result.catalogue
    if result.stored:
        print(f"imported {args.file} as catalogue revision {c.revision} "
              f"({len(c.hospitals)} hospitals, {len(c.offers)} offers)")
    else:
        print(f"nothing to import: {args.file} is the catalogue's revision {c.revision} already")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from app.domain.catalogue import current_catalogue
    from app.domain.catalogue_edit import revision_entries

    db = open_existing(args)
    current_catalogue(db)
    entries = revision_entries(db)
    if args.json:
        print_json({"revisions": [{"revision": e.revision, "changed_at": e.changed_at, "changed_by": e.changed_by,
                                   "note": e.note, "sha256": e.sha256} for e in entries]})
        return 0
    if not entries:
        print("no revision stored yet (the catalogue is the seed file)")
    for e in entries:
        print(f"{e.revision:>4}  {when(e.changed_at):<16}  {_cut(e.changed_by or '—', 20):<20}  {e.note or ''}")
    return 0


def register(sub, _lead_sub) -> None:
    hospital = sub.add_parser("hospital", help="the partner hospitals of the catalogue")
    hospital.set_defaults(group_parser=hospital)
    # The group's parser is the CLI's command parser (it takes --db); its actions are made the same way.
    actions = hospital.add_subparsers(dest="hospital_command", metavar="ACTION", parser_class=type(hospital))
    p = actions.add_parser("list", help="every partner hospital with its offers")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=cmd_hospital_list)
    p = actions.add_parser("show", help="one hospital: contacts, doctors, offers")
    p.add_argument("hospital", metavar="H", help="the hospital's key or name (English or local)")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=cmd_hospital_show)

    catalogue = sub.add_parser("catalogue", help="the partner catalogue: export, import, history")
    catalogue.set_defaults(group_parser=catalogue)
    actions = catalogue.add_subparsers(dest="catalogue_command", metavar="ACTION", parser_class=type(catalogue))
    p = actions.add_parser("export", help="write the catalogue as TOML (to standard output by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="the TOML file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(handler=cmd_export)
    p = actions.add_parser("import", help="store a catalogue TOML file as a new revision (admins in a team)")
    p.add_argument("file", metavar="FILE", help="a catalogue TOML file (the shape of hospitals.toml)")
    p.add_argument("--note", metavar="TEXT", help="what changed (default: 'imported FILE')")
    p.set_defaults(handler=cmd_import)
    p = actions.add_parser("history", help="every revision: when, who, what changed")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=cmd_history)
