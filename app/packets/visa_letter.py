"""The visa invitation letter: a PDF from the chosen hospital and the agency, in English and then
in the hospital's language (Chinese for the seed hospitals), naming the patient and each traveller
with their passport details, the purpose (the program at the hospital), the planned dates from the
schedule and the hospital's international department; signed by the coordinator who is working.

Refused, saying why: nobody real is working (the placeholder profile), no chosen quote, no
schedule, or passport details missing (listed, person by person). Reading the passports for the
letter is a read like any other (the read log, purpose "travel_details"); the letter goes on the
timeline with its SHA-256.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain.atomic_file import write_bytes_atomically
from app.domain.case_file import case_event, case_lead
from app.domain.case_people import people_in
from app.domain.case_schedule import schedule_in
from app.domain.catalogue import Hospital, Offer, catalogue_in, parse_catalogue, seed_document
from app.domain.clock import Clock, utc_now
from app.domain.countries import country_name, default_language_for_country
from app.domain.errors import ValidationError
from app.domain.output_path import check_output_path
from app.domain.phone import parse_phone
from app.domain.quotes import chosen_quote_in
from app.domain.travel_details import missing_travel_details, travel_details_in
from app.domain.working_profile import working_profile_in
from app.packets.content import Agency, Content, cached_content
from app.packets.fonts import FontBook, font_book
from app.packets.pdf_base import document
from app.packets.text_layout import GlyphAudit, TextSetter, TextStyle
from db.engine import Database
from db.models import Coordinator

__all__ = ["LetterTraveller", "MadeVisaLetter", "VisaLetter", "render_visa_letter", "visa_letter_for",
           "write_visa_letter"]

_INK = colors.HexColor("#222222")
_MUTED = colors.HexColor("#555555")
_ACCENT = colors.HexColor("#1f4e79")
STYLES = {
    "agency": TextStyle(size=13, leading=17, color=_ACCENT, bold=True),
    "letterhead": TextStyle(size=8.5, leading=11, color=_MUTED),
    "title": TextStyle(size=14, leading=19, color=_INK, bold=True, space_before=6 * mm, space_after=4 * mm),
    "body": TextStyle(size=10, leading=14.5, color=_INK, space_after=2.5 * mm),
    "cell": TextStyle(size=9, leading=12, color=_INK),
    "head": TextStyle(size=8.5, leading=11, color=_MUTED, bold=True),
    "sign": TextStyle(size=10, leading=14, color=_INK),
}

#: The letter's words per language; {placeholders} are filled with plain text.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Invitation letter for medical treatment",
        "to": "To the Visa Section of the Embassy or Consulate of {country}",
        "date": "Date: {date}    Our reference: {reference}",
        "intro": "We are pleased to confirm that {patient} has been accepted for medical treatment at "
                 "{hospital} in {city}, {country}.",
        "purpose": "Purpose of the visit: medical treatment — {program} ({product}).",
        "dates": "Planned stay: arrival on {arrival}, treatment and monitoring until {back}.",
        "travellers": "The following persons will travel:",
        "col_name": "Name (as in passport)", "col_role": "Travels as", "col_nationality": "Nationality",
        "col_born": "Date of birth", "col_passport": "Passport No.", "col_expiry": "Valid until",
        "patient": "Patient", "companion": "Companion ({relation})",
        "hospital": "Hospital contact: {contact}, {hospital}. Phone {phone}; e-mail {email}; 24-hour line {hotline}.",
        "agency": "{agency} coordinates the patient's stay and will assist the travellers throughout the visit. "
                  "We kindly ask you to grant them visas for this purpose.",
        "closing": "Yours faithfully,",
        "on_behalf": "Patient coordinator, on behalf of {agency}",
    },
    "zh": {
        "title": "医疗邀请函",
        "to": "致{country}驻外使领馆签证处",
        "date": "日期：{date}    编号：{reference}",
        "intro": "兹确认{patient}已获{hospital}接收，前来接受医学治疗。",
        "purpose": "访问目的：医学治疗——{program}（{product}）。",
        "dates": "计划行程：{arrival}抵达，治疗及观察至{back}。",
        "travellers": "以下人员将同行：",
        "col_name": "姓名（与护照一致）", "col_role": "身份", "col_nationality": "国籍",
        "col_born": "出生日期", "col_passport": "护照号码", "col_expiry": "有效期至",
        "patient": "患者", "companion": "陪同人员（{relation}）",
        "hospital": "医院联系方式：{hospital}{contact}。电话{phone}；电子邮箱{email}；24小时热线{hotline}。",
        "agency": "{agency}负责协调患者在华期间的各项安排，并将在整个访问期间为同行人员提供协助。恳请贵处为上述人员办理签证。",
        "closing": "此致敬礼",
        "on_behalf": "患者协调员，代表{agency}",
    },
}
_RELATIONS_ZH = {"spouse": "配偶", "son": "儿子", "daughter": "女儿", "parent": "父母", "sibling": "兄弟姐妹",
                 "friend": "朋友", "other": "其他"}


@dataclass(frozen=True)
class LetterTraveller:
    role: str  # "patient" or the relation
    name: str
    nationality: str
    born: date
    passport: str
    expiry: date | None


@dataclass(frozen=True)
class VisaLetter:
    reference: str
    issued: date
    patient: str
    hospital: Hospital
    offer: Offer
    arrival: date
    back: date
    travellers: tuple[LetterTraveller, ...]
    signer: str
    signer_email: str | None
    signer_phone: str | None
    agency: Agency
    #: The hospital's language for the second part (None: English only).
    local_language: str | None


@dataclass(frozen=True)
class MadeVisaLetter:
    reference: str
    path: Path | None
    sha256: str
    size: int
    languages: tuple[str, ...]
    travellers: int


def _offer(session, key: str) -> Offer:
    catalogue = catalogue_in(session) or parse_catalogue(seed_document())
    return catalogue.offer(key)


def visa_letter_for(db: Database, key: int | str, *, actor_id: int | None = None, clock: Clock = utc_now,
                    content: Content | None = None) -> VisaLetter:
    """What the letter says, gathered from the case; ValidationError saying what is missing."""
    content = content or cached_content()
    now = clock()
    with db.write() as session:  # the passports are read (and the read logged) in this unit of work
        lead = case_lead(session, key)
        signer_id = actor_id if actor_id is not None else working_profile_in(session)
        signer = session.get(Coordinator, signer_id) if signer_id is not None else None
        if signer is None or signer.placeholder or not signer.active or not signer.name.strip():
            raise ValidationError("a visa letter is signed by the coordinator who is working: set your profile first "
                                  "(Settings → My profile, or `medtour profile set --name …`)")
        quote = chosen_quote_in(session, lead.id)
        if quote is None or not quote.offer_key:
            raise ValidationError(f"{lead.reference} has no chosen quote naming a program: the letter needs the "
                                  "chosen hospital and program")
        offer = _offer(session, quote.offer_key)
        catalogue = catalogue_in(session) or parse_catalogue(seed_document())
        hospital = catalogue.hospital(quote.hospital_key or offer.hospital)
        schedule = schedule_in(session, lead)
        if not schedule.planned or schedule.departure is None or schedule.planned_return is None:
            raise ValidationError(f"{lead.reference} has no schedule yet: plan it from the arrival date first "
                                  f"(medtour schedule {lead.reference} --arrival DATE)")
        people = {p.id: p for p in people_in(session, lead)}
        going: list[tuple[int | None, str]] = [(None, "the patient")]
        going += [(p.id, p.name) for p in people.values() if p.travels]
        details = travel_details_in(session, lead, actor_id=signer.id, now=now)
        missing = missing_travel_details(details, going)
        if missing:
            raise ValidationError("the visa letter needs passport details that are missing — " + "; ".join(missing))
        by_person = {d.person_id: d for d in details}
        rows = []
        for person_id, _name in going:
            d = by_person[person_id]
            role = "patient" if person_id is None else people[person_id].relation
            rows.append(LetterTraveller(role, d.full_name or "", d.nationality or "", d.date_of_birth or date.min,
                                        d.passport_number or "", d.passport_expiry))
        local = default_language_for_country(hospital.country)
        return VisaLetter(lead.reference, now.date(), by_person[None].full_name or lead.latin_name or lead.full_name,
                          hospital, offer, schedule.departure, schedule.planned_return, tuple(rows), signer.name,
                          signer.email, signer.phone, content.agency,
                          local if local in TEXT and local != "en" else None)


class _Letter:
    def __init__(self, letter: VisaLetter, content: Content, fonts: FontBook) -> None:
        self.letter, self.content = letter, content
        self.audit = GlyphAudit()
        self.setters = {lang: TextSetter(fonts, lang, rtl=False, audit=self.audit) for lang in ("en", "zh")}

    def para(self, lang: str, text: str, style: str = "body", *, typed: bool = False) -> Flowable:
        return self.setters[lang].paragraph(text, STYLES[style], auto_direction=typed)

    def program(self, lang: str) -> str:
        key = f"programs.{self.letter.offer.program}.name"
        try:
            return self.content.text(lang).get(key)
        except (KeyError, TypeError):
            return self.letter.offer.program.replace("_", " ")

    def role(self, lang: str, traveller: LetterTraveller) -> str:
        words = TEXT[lang]
        if traveller.role == "patient":
            return words["patient"]
        relation = _RELATIONS_ZH.get(traveller.role, traveller.role) if lang == "zh" else traveller.role
        return words["companion"].format(relation=relation)

    def part(self, lang: str) -> list[Flowable]:
        letter, words, h = self.letter, TEXT[lang], self.letter.hospital
        locale = "zh" if lang == "zh" else "en"
        where = country_name(h.country, locale)
        hospital_name = (h.local_name or h.name) if lang == "zh" else h.name
        city = h.city
        agency = letter.agency
        values = {
            "country": where, "date": letter.issued.isoformat(), "reference": letter.reference,
            "patient": letter.patient, "hospital": hospital_name, "city": city, "program": self.program(lang),
            "product": letter.offer.product, "arrival": letter.arrival.isoformat(), "back": letter.back.isoformat(),
            "contact": h.international.get("contact", ""), "phone": h.international.get("phone", "—"),
            "email": h.international.get("email", "—"), "hotline": h.hotline or "—", "agency": agency.name,
        }
        story: list[Flowable] = [self.para("en", agency.name, "agency"),
                                 self.para("en", " · ".join([*agency.address, agency.phone, agency.email]), "letterhead"),
                                 self.para(lang, words["title"], "title"),
                                 self.para(lang, words["to"].format(**values)),
                                 self.para(lang, words["date"].format(**values))]
        for key in ("intro", "purpose", "dates"):
            story.append(self.para(lang, words[key].format(**values), typed=True))
        story.append(self.para(lang, words["travellers"]))
        head = [self.para(lang, words[k], "head") for k in ("col_name", "col_role", "col_nationality", "col_born",
                                                            "col_passport", "col_expiry")]
        rows = [head]
        for t in letter.travellers:
            rows.append([self.para("en", t.name, "cell", typed=True), self.para(lang, self.role(lang, t), "cell"),
                         self.para(lang, f"{country_name(t.nationality, locale)} ({t.nationality})", "cell"),
                         self.para("en", t.born.isoformat(), "cell"), self.para("en", t.passport, "cell"),
                         self.para("en", t.expiry.isoformat() if t.expiry else "—", "cell")])
        width = A4[0] - 40 * mm
        table = Table(rows, colWidths=[w * width for w in (0.23, 0.19, 0.16, 0.14, 0.14, 0.14)], repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.setters["en"].primary.regular.name),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        story += [table, Spacer(1, 4 * mm),
                  self.para(lang, words["hospital"].format(**values), typed=True),
                  self.para(lang, words["agency"].format(**values)),
                  Spacer(1, 6 * mm), self.para(lang, words["closing"], "sign"), Spacer(1, 12 * mm),
                  self.para("en", letter.signer, "sign", typed=True),
                  self.para(lang, words["on_behalf"].format(**values), "sign")]
        phone = (parse_phone(letter.signer_phone).international or letter.signer_phone) if letter.signer_phone else None
        contact = " · ".join(x for x in (letter.signer_email, phone) if x)
        if contact:
            story.append(self.para("en", contact, "letterhead"))
        return story

    def render(self) -> bytes:
        buffer = io.BytesIO()
        languages = ["en"] + ([self.letter.local_language] if self.letter.local_language else [])
        doc = document(buffer, initial_font=self.setters["en"].primary.regular.name, template=SimpleDocTemplate,
                       pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                       title=f"Visa invitation letter {self.letter.reference}", author=self.letter.agency.name)
        story: list[Flowable] = []
        for number, lang in enumerate(languages):
            if number:
                story.append(PageBreak())
            story += self.part(lang)
        doc.build(story)
        return buffer.getvalue()


def render_visa_letter(letter: VisaLetter, *, content: Content | None = None, fonts: FontBook | None = None) -> bytes:
    return _Letter(letter, content or cached_content(), fonts or font_book()).render()


def write_visa_letter(db: Database, key: int | str, out: str | Path, *, force: bool = False,
                      actor_id: int | None = None, clock: Clock = utc_now) -> MadeVisaLetter:
    """Write the letter (atomically; an existing file only with `force`) and put it on the timeline."""
    target = check_output_path(out, database=db.path, force=force, what="the letter")
    letter = visa_letter_for(db, key, actor_id=actor_id, clock=clock)
    pdf = render_visa_letter(letter)
    path = write_bytes_atomically(target, pdf, private=True).resolve()
    digest = hashlib.sha256(pdf).hexdigest()
    languages = ("en",) + ((letter.local_language,) if letter.local_language else ())
    now: datetime = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        case_event(session, lead, "visa_letter_made",
                   f"Visa invitation letter ({', '.join(languages)}) for {len(letter.travellers)} traveller"
                   f"{'s' if len(letter.travellers) != 1 else ''}, {letter.hospital.name}",
                   now=now, actor_id=actor_id, details={"sha256": digest, "file": str(path), "hospital": letter.hospital.key,
                                                        "languages": list(languages)})
    return MadeVisaLetter(letter.reference, path, digest, len(pdf), languages, len(letter.travellers))
