"""Realistic synthetic leads for demos, screenshots and benchmarks: many countries and scripts,
calls, follow-ups, statuses spread over the pipeline. The same seed (and `now`) gives the same data."""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from sqlalchemy import func, select

from app.domain.catalogue import current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.demo_cases import fill_demo_cases
from app.domain.errors import ValidationError
from app.domain.lead_batch import ExtraEvents, LeadBatchWriter
from app.domain.lead_records import LeadInput
from app.domain.pipeline import EXITS, LOST_REASONS, MAIN_PATH, NOT_ELIGIBLE_REASONS, Status
from app.domain.search_text import fold
from db.engine import Database
from db.models import Coordinator, Lead

# (native, latin) name parts per country; female/male lists where the family name changes with gender.
_Names = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Country:
    code: str
    language: str
    weight: int
    given: _Names
    family: _Names
    given_f: _Names = ()
    family_f: _Names = ()
    family_first: bool = False


_RU_M = (("Иван", "Ivan"), ("Дмитрий", "Dmitry"), ("Сергей", "Sergey"), ("Алексей", "Alexey"), ("Михаил", "Mikhail"), ("Андрей", "Andrey"), ("Николай", "Nikolay"))
_RU_F = (("Анна", "Anna"), ("Ольга", "Olga"), ("Наталья", "Natalya"), ("Екатерина", "Ekaterina"), ("Татьяна", "Tatiana"), ("Мария", "Maria"), ("Елена", "Elena"))
_RU_FAM = (("Петров", "Petrov"), ("Смирнов", "Smirnov"), ("Иванов", "Ivanov"), ("Кузнецов", "Kuznetsov"), ("Соколов", "Sokolov"), ("Попов", "Popov"), ("Волков", "Volkov"), ("Фёдоров", "Fyodorov"))
_RU_FAM_F = tuple((n + "а", latin + "a") for n, latin in _RU_FAM)
_AR_M = (("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("عبدالله", "Abdullah"), ("خالد", "Khalid"), ("سعود", "Saud"), ("فهد", "Fahad"), ("يوسف", "Yousef"))
_AR_F = (("فاطمة", "Fatima"), ("نورة", "Noura"), ("مريم", "Maryam"), ("عائشة", "Aisha"), ("سارة", "Sara"), ("ليلى", "Layla"))
_AR_FAM = (("العتيبي", "Al-Otaibi"), ("المنصوري", "Al-Mansoori"), ("القحطاني", "Al-Qahtani"), ("الشمري", "Al-Shammari"), ("الحربي", "Al-Harbi"), ("الكعبي", "Al-Kaabi"))
_EG_FAM = (("حسن", "Hassan"), ("إبراهيم", "Ibrahim"), ("عبدالرحمن", "Abdelrahman"), ("مصطفى", "Mostafa"), ("سليمان", "Soliman"))
_ZH_GIVEN = (("伟", "Wei"), ("娜", "Na"), ("小明", "Xiaoming"), ("静", "Jing"), ("强", "Qiang"), ("丽", "Li"), ("军", "Jun"), ("芳", "Fang"))
_ZH_FAM = (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"))
_HI_GIVEN = (("प्रिया", "Priya"), ("राहुल", "Rahul"), ("अनीता", "Anita"), ("विक्रम", "Vikram"), ("सुनीता", "Sunita"), ("अर्जुन", "Arjun"))
_HI_FAM = (("शर्मा", "Sharma"), ("वर्मा", "Verma"), ("गुप्ता", "Gupta"), ("सिंह", "Singh"), ("पटेल", "Patel"))
_KZ_M = (("Нурлан", "Nurlan"), ("Ерлан", "Yerlan"), ("Асхат", "Askhat"), ("Дамир", "Damir"))
_KZ_F = (("Айгерим", "Aigerim"), ("Динара", "Dinara"), ("Жанар", "Zhanar"), ("Асель", "Assel"))
_KZ_FAM = (("Нурланов", "Nurlanov"), ("Сейткали", "Seitkali"), ("Абенов", "Abenov"), ("Касымов", "Kassymov"))
_UA_M = (("Олександр", "Oleksandr"), ("Андрій", "Andrii"), ("Тарас", "Taras"), ("Богдан", "Bohdan"))
_UA_F = (("Олена", "Olena"), ("Ірина", "Iryna"), ("Оксана", "Oksana"), ("Наталія", "Nataliia"))
_UA_FAM = (("Коваленко", "Kovalenko"), ("Шевченко", "Shevchenko"), ("Бондаренко", "Bondarenko"), ("Ткаченко", "Tkachenko"))


def _latin(names: tuple[str, ...]) -> _Names:
    return tuple((n, n) for n in names)


COUNTRIES: tuple[_Country, ...] = (
    _Country("RU", "ru", 22, _RU_M, _RU_FAM, _RU_F, _RU_FAM_F),
    _Country("KZ", "ru", 7, _KZ_M, _KZ_FAM, _KZ_F, tuple((n + "а", latin + "a") if n.endswith("ов") else (n, latin) for n, latin in _KZ_FAM)),
    _Country("UA", "uk", 5, _UA_M, _UA_FAM, _UA_F, _UA_FAM),
    _Country("SA", "ar", 9, _AR_M, _AR_FAM, _AR_F, _AR_FAM),
    _Country("AE", "ar", 6, _AR_M, _AR_FAM, _AR_F, _AR_FAM),
    _Country("EG", "ar", 4, _AR_M, _EG_FAM, _AR_F, _EG_FAM),
    _Country("US", "en", 8, _latin(("James", "Michael", "Robert", "David", "Mary", "Jennifer", "Linda", "Susan")),
             _latin(("Smith", "Johnson", "Williams", "Brown", "Miller", "O'Brien", "García", "Nguyen"))),
    _Country("GB", "en", 4, _latin(("Oliver", "George", "Amelia", "Isla", "Harry", "Emily")), _latin(("Taylor", "Davies", "Evans", "Wilson", "Thomas"))),
    _Country("NG", "en", 6, _latin(("Chukwuemeka", "Ngozi", "Oluwaseun", "Adaeze", "Ibrahim", "Funmilayo")),
             _latin(("Okafor", "Adeyemi", "Balogun", "Eze", "Okonkwo", "Abubakar"))),
    _Country("GH", "en", 2, _latin(("Kwame", "Ama", "Kofi", "Akosua", "Yaw")), _latin(("Mensah", "Asante", "Owusu", "Boateng"))),
    _Country("KE", "en", 2, _latin(("Wanjiru", "Otieno", "Achieng", "Kamau")), _latin(("Mwangi", "Odhiambo", "Njoroge", "Kiprop"))),
    _Country("IN", "hi", 6, _HI_GIVEN, _HI_FAM),
    _Country("SG", "zh", 2, _ZH_GIVEN, _ZH_FAM, family_first=True),
    _Country("MY", "zh", 2, _ZH_GIVEN, _ZH_FAM, family_first=True),
    _Country("DE", "de", 3, _latin(("Jürgen", "Anna", "Lukas", "Sophie", "Matthias")), _latin(("Müller", "Schmidt", "Schäfer", "Groß", "Weiß"))),
    _Country("FR", "fr", 2, _latin(("Élodie", "François", "Chloé", "Loïc")), _latin(("Lefèvre", "Dubois", "Moreau", "Girard"))),
    _Country("ES", "es", 2, _latin(("María", "José", "Lucía", "Álvaro")), _latin(("García López", "Fernández", "Martínez", "Núñez"))),
    _Country("VN", "vi", 2, _latin(("Nguyễn Thị Hồng", "Trần Văn Minh", "Lê Thị Lan", "Phạm Đức Anh")), _latin(("",))),
    _Country("TR", "tr", 2, _latin(("Ayşe", "Mehmet", "Elif", "Mustafa")), _latin(("Yılmaz", "Kaya", "Demir", "Çelik"))),
    _Country("UZ", "uz", 2, _latin(("Dilnoza", "Jasur", "Nodira", "Bekzod")), _latin(("Karimova", "Rakhimov", "Tursunova", "Aliyev"))),
)

DIAGNOSES: tuple[tuple[str, str], ...] = (
    ("B-cell acute lymphoblastic leukemia, relapsed", "leukemia"),
    ("B-ALL, refractory after 2 lines", "leukemia"),
    ("Chronic lymphocytic leukemia", "leukemia"),
    ("Diffuse large B-cell lymphoma", "lymphoma"),
    ("DLBCL, relapsed after autologous transplant", "lymphoma"),
    ("Follicular lymphoma, refractory", "lymphoma"),
    ("Mantle cell lymphoma", "lymphoma"),
    ("Multiple myeloma, 3 prior lines", "multiple_myeloma"),
    ("Multiple myeloma, relapsed", "multiple_myeloma"),
    ("Glioblastoma", "solid_tumour"),
    ("Pancreatic cancer, stage IV", "solid_tumour"),
    ("Systemic lupus erythematosus", "autoimmune"),
    ("Not yet diagnosed", "other"),
)
PROGRAM_FOR = {"leukemia": "car_t_b_all", "lymphoma": "car_t_lymphoma", "multiple_myeloma": "bcma_car_t_myeloma"}
SOURCES = (("Website form", 40), ("WhatsApp", 20), ("Partner referral", 12), ("Facebook", 8), ("Instagram", 8), ("Phone call", 7), ("Google Ads", 5))
MESSAGES = (
    "Is CAR-T possible for my father and what does it cost?",
    "Нужна информация о стоимости и сроках лечения.",
    "أرجو إرسال تفاصيل العلاج والتكلفة",
    "想了解在中国接受CAR-T治疗的费用和流程。",
    "How long would we need to stay in China?",
    "Doctors at home have no more options. Please call us.",
    "",
)
COORDINATORS = (
    ("Elena Markova", "elena.markova@medtour.example", "+86 21 5555 0101"),
    ("Omar Haddad", "omar.haddad@medtour.example", "+86 21 5555 0102"),
    ("Li Wen", "li.wen@medtour.example", "+86 21 5555 0103"),
    ("Grace Adeyemi", "grace.adeyemi@medtour.example", "+86 21 5555 0104"),
)
# Final status distribution (weights) — most leads are early in the pipeline or lost.
STATUS_WEIGHTS: tuple[tuple[Status, int], ...] = (
    (Status.NEW, 14), (Status.CONTACTED, 16), (Status.QUALIFIED, 10), (Status.RECORDS_RECEIVED, 7),
    (Status.MEDICAL_REVIEW, 5), (Status.QUOTE_SENT, 6), (Status.DECISION_PENDING, 4), (Status.BOOKED, 2),
    (Status.IN_TREATMENT, 2), (Status.AFTERCARE, 1), (Status.COMPLETED, 2), (Status.LOST, 17),
    (Status.NOT_ELIGIBLE, 6), (Status.UNREACHABLE, 7), (Status.DUPLICATE, 1),
)
OUTCOME_WEIGHTS = (("reached", 55), ("no_answer", 20), ("voicemail", 12), ("call_back_requested", 10), ("wrong_number", 3))


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def _phone(rng: random.Random, region: str, serial: int) -> str:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    national = str(example.national_number)
    for attempt in range(20):
        # The serial picks the last six digits, so numbers stay distinct up to a million per country.
        tail = f"{(serial * 7919 + attempt * 104_729) % 1_000_000:06d}"
        candidate = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(national[:-6] + tail))
        if phonenumbers.is_valid_number(candidate):
            fmt = rng.choice((phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.E164))
            return phonenumbers.format_number(candidate, fmt)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _person(rng: random.Random, country: _Country) -> tuple[str, str | None]:
    female = bool(country.given_f) and rng.random() < 0.5
    given = rng.choice(country.given_f if female else country.given)
    family = rng.choice(country.family_f if female and country.family_f else country.family)
    if not family[0]:
        return given[0], None
    if country.family_first:
        native = family[0] + given[0]
        latin = f"{family[1]} {given[1]}"
    else:
        native = f"{given[0]} {family[0]}"
        latin = f"{given[1]} {family[1]}"
    return native, (latin if latin != native else None)


def _ensure_coordinators(db: Database, now: datetime) -> list[int]:
    with db.write() as session:
        ids = []
        for name, email, phone in COORDINATORS:
            existing = session.scalar(select(Coordinator.id).where(Coordinator.email == email))
            if existing is None:
                coordinator = Coordinator(name=name, email=email, phone=phone, whatsapp=phone,
                                          signature=f"{name}, patient coordinator", is_default=False, active=True, created_at=now)
                session.add(coordinator)
                session.flush()
                existing = coordinator.id
            ids.append(existing)
        return ids


def generate_demo(
    db: Database,
    leads: int,
    *,
    seed: int = 1,
    clock: Clock = utc_now,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    people: Sequence[int] | None = None,
) -> int:
    """Add `leads` synthetic leads; returns how many were created. One transaction. The leads (and
    their calls and status moves) are dealt among `people` (coordinator ids), else among demo
    coordinators made for the purpose."""
    if leads < 0:
        raise ValidationError("the number of leads cannot be negative")
    now = clock().replace(microsecond=0)
    rng = random.Random(seed)
    coordinator_ids = list(people) if people else _ensure_coordinators(db, now)
    created = 0
    weights = [(c, c.weight) for c in COUNTRIES]
    catalogue = current_catalogue(db, clock=clock)
    with db.write() as session:
        first_id = (session.scalar(select(func.max(Lead.id))) or 0) + 1
        writer = LeadBatchWriter(session, now=now)
        for serial in range(leads):
            if cancel is not None and cancel():
                raise ValidationError("demo data cancelled; nothing was added")
            country = _pick(rng, weights)
            name, latin = _person(rng, country)
            diagnosis, category = rng.choice(DIAGNOSES)
            age_days = min(365.0, rng.expovariate(1 / 60))
            inquiry_at = now - timedelta(days=age_days, minutes=rng.randrange(1440))
            status = _pick(rng, STATUS_WEIGHTS)
            if PROGRAM_FOR.get(category) is None and status in MAIN_PATH[MAIN_PATH.index(Status.QUOTE_SENT):]:
                status = Status.NOT_ELIGIBLE  # no partner offers a program for it: no quote, no booking
            coordinator = rng.choice(coordinator_ids)
            email = None
            if rng.random() < 0.75:
                local = fold(latin or name).replace(" ", ".")
                local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch == ".")) or "patient"
                email = f"{local}.{serial}@example.{country.code.lower()}"
            phones = [(_phone(rng, country.code, serial), "mobile")]
            if rng.random() < 0.2:
                phones.append((_phone(rng, country.code, serial + 500_000), "whatsapp"))
            extra = _history(rng, status, inquiry_at, now, coordinator)
            data = LeadInput(
                full_name=name, latin_name=latin, phones=phones, email=email, country=country.code,
                language=country.language, source=_pick(rng, SOURCES), diagnosis=diagnosis,
                diagnosis_category=category, program=PROGRAM_FOR.get(category), companions=rng.choice((0, 1, 1, 1, 2)),
                coordinator_id=coordinator, consent_health_data=rng.random() < 0.8, consent_method="web form checkbox",
                inquiry_at=inquiry_at, message=rng.choice(MESSAGES) or None,
            )
            if writer.add(data, extra).created:
                created += 1
            if progress is not None and serial % 1000 == 0:
                progress(serial, leads)
        writer.flush()
        fill_demo_cases(session, catalogue, first_id=first_id, now=now, seed=seed,
                        companion_names={c.code: [g[0] for g in c.given] for c in COUNTRIES},
                        gendered_surnames=frozenset(c.code for c in COUNTRIES if c.family_f),
                        women_names={c.code: [g[0] for g in c.given_f] for c in COUNTRIES})
    if progress is not None:
        progress(leads, leads)
    return created


def _history(rng: random.Random, status: Status, inquiry_at: datetime, now: datetime, coordinator: int) -> ExtraEvents:
    extra = ExtraEvents()
    if status in EXITS:
        depth = rng.randrange(0, 6)
        path = [*list(MAIN_PATH[1:depth + 1]), status]
    else:
        path = list(MAIN_PATH[1 : MAIN_PATH.index(status) + 1])
    span = max((now - inquiry_at).total_seconds(), 600.0)
    moments = sorted(inquiry_at + timedelta(seconds=rng.uniform(300, span)) for _ in path)
    previous = Status.NEW
    for step, moment in zip(path, moments, strict=True):
        reason = None
        if step is Status.LOST:
            reason = rng.choice(LOST_REASONS)
        elif step is Status.NOT_ELIGIBLE:
            reason = rng.choice(NOT_ELIGIBLE_REASONS)
        extra.history.append(dict(from_status=previous.value, to_status=step.value, reason=reason, coordinator_id=coordinator, changed_at=moment))
        previous = step
    calls = len(path) + rng.randrange(0, 3) if path else rng.choice((0, 0, 1))
    first_contact = None
    last_contact = None
    for _ in range(calls):
        when = inquiry_at + timedelta(seconds=rng.uniform(600, span))
        if first_contact is None and rng.random() < 0.6:
            when = inquiry_at + timedelta(minutes=rng.expovariate(1 / 240))
        when = min(when, now)
        outcome = _pick(rng, OUTCOME_WEIGHTS)
        extra.interactions.append(dict(
            kind="call_out", direction="out", occurred_at=when, duration_seconds=rng.randrange(30, 1800) if outcome == "reached" else None,
            outcome=outcome, notes=rng.choice(("Discussed the program and costs.", "Asked for medical records.", "Family will call back.", None)),
            coordinator_id=coordinator, follow_up_at=None, details={}, created_at=when))
        first_contact = when if first_contact is None or when < first_contact else first_contact
        last_contact = when if last_contact is None or when > last_contact else last_contact
    open_lead = status not in EXITS and status is not Status.COMPLETED
    follow_up = None
    if open_lead and rng.random() < 0.85:
        follow_up = now + timedelta(hours=rng.uniform(-72, 24 * 14))
    extra.lead_overrides = dict(
        status=status.value,
        status_reason=extra.history[-1]["reason"] if extra.history else None,
        first_contact_at=first_contact,
        last_contact_at=last_contact,
        next_follow_up=follow_up,
    )
    return extra
