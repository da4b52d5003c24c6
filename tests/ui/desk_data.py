"""Known leads for the desktop's tests: names in several scripts, phones whose time zones are known,
follow-ups and first contacts placed around a fixed clock (2026-11-25 09:00 UTC)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.domain.clock import FixedClock
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, change_status, create_lead, log_interaction

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def fixed_clock() -> FixedClock:
    return FixedClock(NOW)


def add(db, name: str, phone: str, country: str, *, latin: str | None = None, email: str | None = None,
        inquiry_hours_ago: float = 72.0, follow_up: datetime | None = None, source: str = "Website form",
        timezone_name: str | None = None) -> int:
    clock = FixedClock(NOW - timedelta(hours=inquiry_hours_ago))
    data = LeadInput(full_name=name, latin_name=latin, phones=[(phone, "mobile")], email=email, country=country,
                     source=source, next_follow_up=follow_up, timezone=timezone_name)
    return create_lead(db, data, clock=clock).lead_id


def known_leads(db) -> dict[str, int]:
    """Eight leads; the keys name them in tests."""
    ids = {
        "ivan": add(db, "Иван Петров", "+7 495 123-45-67", "RU", latin="Ivan Petrov", email="ivan.petrov@example.ru",
                    follow_up=NOW + timedelta(hours=3)),
        "anna": add(db, "Анна Смирнова", "+7 916 123-45-67", "RU", latin="Anna Smirnova", follow_up=NOW - timedelta(days=2)),
        "mohammed": add(db, "محمد العتيبي", "+966 50 123 4567", "SA", latin="Mohammed Al-Otaibi", source="WhatsApp",
                        follow_up=NOW + timedelta(hours=1)),
        "wang": add(db, "王伟", "+65 8123 4567", "SG", latin="Wang Wei", source="Partner referral",
                    follow_up=NOW - timedelta(hours=2)),
        "james": add(db, "James Smith", "+1 213 373 4253", "US", email="james.smith@example.com",
                     follow_up=NOW + timedelta(hours=2)),
        "priya": add(db, "प्रिया शर्मा", "+91 98123 45678", "IN", latin="Priya Sharma", inquiry_hours_ago=30.0),
        "fresh": add(db, "Chukwuemeka Okafor", "+234 803 123 4567", "NG", inquiry_hours_ago=0.5),
        "amber": add(db, "Jürgen Müller", "+49 30 12345678", "DE", inquiry_hours_ago=5.0, source="Google Ads"),
    }
    clock = FixedClock(NOW - timedelta(hours=60))  # before every follow-up below
    for key in ("ivan", "anna", "mohammed", "wang", "james"):
        log_interaction(db, ids[key], InteractionInput(kind="call_out", outcome="reached"), clock=clock)
        change_status(db, ids[key], "contacted", clock=clock)
    return ids
