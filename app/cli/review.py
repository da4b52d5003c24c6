"""`medtour consent | review | quote`: consent to share with a hospital, review bundles and the
hospitals' answers, quotes side by side in the patient's currency (app.domain.sharing_consent,
app.packets.review_bundle, app.domain.medical_review, app.domain.quotes)."""
from __future__ import annotations

import argparse
from datetime import date

from app.cli.database import open_existing
from app.cli.output import Progress, print_json, when


def _me(db):
    from app.domain.working_profile import working_profile_id

    return working_profile_id(db)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date such as 2026-12-31") from None


# ---------------------------------------------------------------- consent


def cmd_consent_share(args: argparse.Namespace) -> int:
    from app.domain.sharing_consent import record_consent

    db = open_existing(args)
    consent = record_consent(db, args.lead, args.hospital, method=args.method, actor_id=_me(db),
                             text_version=args.text_version)
    print(f"consent recorded: share records with {consent.hospital_name} ({consent.country}), {consent.method}, "
          f"{when(consent.given_at)}")
    return 0


def cmd_consent_give(args: argparse.Namespace) -> int:
    from app.domain.consent_purposes import PURPOSES, give_consent

    db = open_existing(args)
    consent = give_consent(db, args.lead, args.purpose, method=args.method, text_version=args.text_version,
                           actor_id=_me(db))
    print(f"consent recorded: {PURPOSES[consent.purpose]}, {consent.method}, text {consent.text_version}, "
          f"{when(consent.given_at)}")
    return 0


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from app.domain.consent_purposes import PURPOSES, withdraw_purpose_consent
    from app.domain.errors import UserError
    from app.domain.sharing_consent import withdraw_consent

    if (args.hospital is None) == (args.purpose is None):
        raise UserError("say which consent is withdrawn: --hospital H (sharing with that hospital) or --purpose P "
                        f"({', '.join(PURPOSES)})")
    db = open_existing(args)
    if args.purpose is not None:
        purpose = withdraw_purpose_consent(db, args.lead, args.purpose, actor_id=_me(db))[0].purpose
        stops = "; no medical file or review bundle from now on" if purpose == "health_data" else ""
        print(f"consent withdrawn: {PURPOSES[purpose]}{stops}")
        return 0
    withdrawn = withdraw_consent(db, args.lead, args.hospital, actor_id=_me(db))
    print(f"consent withdrawn: {withdrawn[0].hospital_name} ({withdrawn[0].country}); no bundle for it from now on")
    return 0


def cmd_consent_texts(args: argparse.Namespace) -> int:
    from app.domain.consent_purposes import consent_text

    texts = [consent_text(p) for p in ([args.purpose] if args.purpose else ["health_data", "sharing", "marketing"])]
    if args.json:
        print_json([{"purpose": t.purpose, "version": t.version, "label": t.label, "texts": t.texts} for t in texts])
        return 0
    for t in texts:
        print(f"{t.purpose} (version {t.version}): {t.label}")
        print(f"  {t.text(args.lang)}")
    return 0


def cmd_consent_list(args: argparse.Namespace) -> int:
    from app.domain.consent_purposes import PURPOSES, list_purpose_consents
    from app.domain.sharing_consent import list_consents

    db = open_existing(args)
    consents = list_consents(db, args.lead)
    purposes = list_purpose_consents(db, args.lead)
    if args.json:
        print_json([{"id": c.id, "purpose": "sharing", "hospital": c.hospital, "hospital_name": c.hospital_name,
                     "country": c.country, "method": c.method, "text_version": c.text_version, "given_at": c.given_at,
                     "withdrawn_at": c.withdrawn_at, "valid": c.valid} for c in consents]
                   + [{"id": c.id, "purpose": c.purpose, "hospital": None, "hospital_name": None, "country": None,
                       "method": c.method, "text_version": c.text_version, "given_at": c.given_at,
                       "withdrawn_at": c.withdrawn_at, "valid": c.valid} for c in purposes])
        return 0
    if not consents and not purposes:
        print("no consent recorded")
    for p in purposes:
        state = "in force" if p.valid else f"withdrawn {when(p.withdrawn_at)}"
        print(f"{p.id:>4}  {PURPOSES[p.purpose]}  {p.method}  text {p.text_version or '—'}  given {when(p.given_at)}  {state}")
    for c in consents:
        state = "in force" if c.valid else f"withdrawn {when(c.withdrawn_at)}"
        print(f"{c.id:>4}  share records with {c.hospital_name} ({c.country})  {c.method}  text {c.text_version or '—'}  "
              f"given {when(c.given_at)}  {state}")
    return 0


# ---------------------------------------------------------------- review


def cmd_review_bundle(args: argparse.Namespace) -> int:
    from app.packets.review_bundle import write_review_bundle

    db = open_existing(args)
    progress = Progress()
    made = write_review_bundle(db, args.lead, args.hospital, args.output, deidentified=args.deidentified,
                               force=args.force, actor_id=_me(db), progress=progress)
    progress.end()
    kind = "de-identified bundle" if made.deidentified else "bundle"
    print(f"{made.path}  ({made.reference} for {made.hospital_name}, {kind}, {made.documents} document(s), "
          f"{made.size / 1024:.0f} KB, sha256 {made.sha256})")
    return 0


def cmd_review_record(args: argparse.Namespace) -> int:
    from app.domain.medical_review import VERDICTS, record_answer

    db = open_existing(args)
    answer = record_answer(db, args.lead, args.hospital, verdict=args.verdict, offer=args.offer, product=args.product,
                           approval=args.approval, registry=args.registry, doctor=args.doctor, notes=args.notes,
                           request_again=args.request or (), actor_id=_me(db))
    extra = f", {answer.offer}" if answer.offer else ""
    print(f"{answer.hospital_name}: {VERDICTS[answer.verdict or ''].lower()}{extra} (review {answer.id})")
    return 0


def cmd_review_list(args: argparse.Namespace) -> int:
    from app.domain.medical_review import list_reviews

    reviews = list_reviews(open_existing(args), args.lead)
    if args.json:
        print_json([r.to_json() for r in reviews])
        return 0
    if not reviews:
        print("no reviews yet")
    for r in reviews:
        sent = f"sent {when(r.sent_at)}{' (de-identified)' if r.deidentified else ''}" if r.sent_at else "not sent by the desk"
        print(f"{r.id:>4}  {r.hospital_name}  {sent}  {r.verdict_label}" + (f"  {r.offer}" if r.offer else ""))
    return 0


# ---------------------------------------------------------------- quotes


def cmd_quote_add(args: argparse.Namespace) -> int:
    from app.domain.quotes import add_quote

    db = open_existing(args)
    quote = add_quote(db, args.lead, args.hospital, currency=args.currency, items=args.item or [],
                      valid_until=args.valid_until, deposit=args.deposit, offer=args.offer, notes=args.notes,
                      actor_id=_me(db))
    print(f"quote {quote.id} from {quote.hospital_name}: {quote.total:,} {quote.currency}"
          + (f", valid until {quote.valid_until.isoformat()}" if quote.valid_until else ""))
    return 0


def cmd_quote_list(args: argparse.Namespace) -> int:
    from app.domain.quotes import compare_quotes

    comparison = compare_quotes(open_existing(args), args.lead)
    if args.json:
        print_json(comparison.to_json())
        return 0
    if comparison.note:
        print(f"note: {comparison.note}")
    if not comparison.quotes:
        print("no quotes yet")
    for q in comparison.quotes:
        marks = [m for m, on in (("CHOSEN", q.chosen), ("expired", q.expired)) if on]
        valid = f"valid until {q.valid_until.isoformat()}" if q.valid_until else "no validity date"
        converted = f"{q.converted_total:,} {comparison.currency}" if q.converted_total is not None else "no rate"
        print(f"{q.id:>4}  {q.hospital_name}  {converted}  ({q.total:,} {q.currency}, "
              f"{valid}){'  ' + ', '.join(marks) if marks else ''}")
        for item in q.items:
            shown = f"{item.converted:>14,} {comparison.currency}" if item.converted is not None else ""
            print(f"        {item.label:<40} {item.amount:>14,} {q.currency}  {shown}")
        if q.deposit is not None:
            print(f"        deposit {q.deposit:,} {q.currency}")
    print(f"rates as of {comparison.rates_as_of.isoformat()} (rates.toml)")
    return 0


def cmd_quote_choose(args: argparse.Namespace) -> int:
    from app.domain.quotes import choose_quote

    db = open_existing(args)
    quote = choose_quote(db, args.lead, args.quote, anyway=args.anyway, actor_id=_me(db))
    print(f"quote {quote.id} from {quote.hospital_name} chosen ({quote.total:,} {quote.currency})")
    return 0


def register(sub, _lead_sub) -> None:
    consent = sub.add_parser("consent", help="the patient's consents: storing health data, sharing with a hospital "
                                             "abroad, marketing")
    consent.set_defaults(group_parser=consent)
    # type(consent) is the command parser class of app.cli.parser, which takes --db as well.
    actions = consent.add_subparsers(dest="consent_command", metavar="ACTION", parser_class=type(consent))
    p = actions.add_parser("share", help="record the consent naming the hospital (and so its country)")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--hospital", required=True, metavar="H", help="the hospital's catalogue key or name")
    p.add_argument("--method", required=True, metavar="TEXT", help="how it was given: signed form, message, recorded call")
    p.add_argument("--text-version", metavar="V", help="the consent text shown (default: the current one)")
    p.set_defaults(handler=cmd_consent_share)
    p = actions.add_parser("give", help="record the consent for one purpose: health_data or marketing")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--purpose", required=True, metavar="P", help="health_data or marketing")
    p.add_argument("--method", required=True, metavar="TEXT", help="how it was given: web form, signed form, recorded call")
    p.add_argument("--text-version", metavar="V", help="the consent text shown (default: the current one)")
    p.set_defaults(handler=cmd_consent_give)
    p = actions.add_parser("withdraw", help="the patient withdrew a consent: what depended on it stops")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--hospital", metavar="H", help="the consent to share with this hospital")
    p.add_argument("--purpose", metavar="P", help="health_data or marketing")
    p.set_defaults(handler=cmd_consent_withdraw)
    p = actions.add_parser("texts", help="the consent texts a patient is shown, with their versions")
    p.add_argument("--purpose", metavar="P", help="health_data, sharing or marketing (default: all)")
    p.add_argument("--lang", metavar="LANG", default="en", help="en, ru, ar or zh")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_consent_texts)
    p = actions.add_parser("list", help="every consent of the case, withdrawn ones too")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_consent_list)

    review = sub.add_parser("review", help="review bundles for partner hospitals and their answers")
    review.set_defaults(group_parser=review)
    actions = review.add_subparsers(dest="review_command", metavar="ACTION", parser_class=type(review))
    p = actions.add_parser("bundle", help="write the review bundle (ZIP) for one hospital and record it")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--hospital", required=True, metavar="H")
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p.add_argument("--deidentified", action="store_true", help="initials, age and country only: no name, phone, "
                                                               "email or passport anywhere in the bundle")
    p.add_argument("--force", action="store_true", help="replace FILE.zip if it exists")
    p.set_defaults(handler=cmd_review_bundle)
    p = actions.add_parser("record", help="record a hospital's answer")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--hospital", required=True, metavar="H")
    p.add_argument("--verdict", required=True, choices=("eligible", "not_eligible", "needs_more"))
    p.add_argument("--offer", metavar="KEY", help="the program it recommends (one of the hospital's offers)")
    p.add_argument("--product", metavar="TEXT", help="default: the offer's product")
    p.add_argument("--approval", choices=("approved", "investigational", "clinical_trial"),
                   help="default: the offer's approval status")
    p.add_argument("--registry", metavar="NUMBER", help="the trial's registry number (default: the offer's)")
    p.add_argument("--doctor", metavar="TEXT", help="one of the hospital's doctors, or a name")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--request", action="append", metavar="ITEM",
                   help="needs_more: a record item the hospital asks for again (repeatable)")
    p.set_defaults(handler=cmd_review_record)
    p = actions.add_parser("list", help="the case's reviews: sent, answered")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_review_list)

    quote = sub.add_parser("quote", help="hospitals' quotes, side by side in the patient's currency")
    quote.set_defaults(group_parser=quote)
    actions = quote.add_subparsers(dest="quote_command", metavar="ACTION", parser_class=type(quote))
    p = actions.add_parser("add", help="record a hospital's quote (in the hospital's currency)")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--hospital", required=True, metavar="H")
    p.add_argument("--currency", required=True, metavar="CUR", help="the quote's currency, e.g. CNY")
    p.add_argument("--item", action="append", metavar="NAME=AMOUNT",
                   help="a line item: a catalogue item key (manufacturing=255000) or a label (\"Interpreter=3000\")")
    p.add_argument("--valid-until", type=_date, metavar="DATE")
    p.add_argument("--deposit", metavar="N", help="the deposit asked, in the quote's currency")
    p.add_argument("--offer", metavar="KEY", help="the hospital's offer it is for")
    p.add_argument("--notes", metavar="TEXT")
    p.set_defaults(handler=cmd_quote_add)
    p = actions.add_parser("list", help="every quote, converted to the patient's currency")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_quote_list)
    p = actions.add_parser("choose", help="the patient chose this quote (the others are un-chosen)")
    p.add_argument("lead", metavar="REF")
    p.add_argument("quote", metavar="QUOTE", help="the quote's number (quote list)")
    p.add_argument("--anyway", action="store_true", help="choose it even though it has expired")
    p.set_defaults(handler=cmd_quote_choose)
