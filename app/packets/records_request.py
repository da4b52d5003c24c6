""""Request missing records": the message to the patient, in their language, listing exactly the
records still to come by the catalogue's labels, greeting them by name and signed by the
coordinator who sends it (a real person, never the placeholder "Coordinator").

Its words are the `[records_request]` table of resources/content/text/<lang>.toml (checked with
the rest of the packet text by app.packets.content); a language without a text file is written in
English. The messaging issue sends it; the desk shows it to copy.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.domain.case_records import RecordItemView
from app.domain.errors import ValidationError
from app.domain.profiles import NoSignerError
from app.domain.working_profile import working_profile_in
from app.packets.content import REFERENCE_LANGUAGE, Content, cached_content
from db.engine import Database
from db.models import Coordinator

__all__ = ["Addressee", "RequestMessage", "message_signer", "records_request_message"]


class _Patient(Protocol):
    @property
    def full_name(self) -> str: ...
    @property
    def latin_name(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...


@dataclass(frozen=True)
class Addressee:
    """Who a message greets, detached from the session (a Lead row or a lead's record also do)."""

    full_name: str
    latin_name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class RequestMessage:
    language: str
    #: "rtl" for Arabic: a view shows it right to left.
    direction: str
    text: str
    #: The item keys it lists, in order.
    items: tuple[str, ...]


def message_signer(db: Database, lead_coordinator_id: int | None = None) -> str:
    """The name a message to the patient is signed with: who is working, when that is a real
    person; else the lead's own coordinator; never the placeholder (NoSignerError says how to set
    a profile)."""
    with db.read() as session:
        for candidate in (working_profile_in(session), lead_coordinator_id):
            row = session.get(Coordinator, candidate) if candidate is not None else None
            if row is not None and row.active and not row.placeholder and row.name.strip():
                return row.name.strip()
    raise NoSignerError()


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text if ch.isalpha())


def _name_for(lead: _Patient, language: str) -> str:
    """The name to greet: as the patient writes it, or the Latin form in an English message to
    a patient whose name is in another script."""
    name = (lead.full_name or "").strip()
    if language == REFERENCE_LANGUAGE and lead.latin_name and not _is_latin(name):
        return lead.latin_name.strip()
    return name


def records_request_message(lead: _Patient, items: Sequence[RecordItemView], language: str | None, *,
                            coordinator_name: str, content: Content | None = None) -> RequestMessage:
    """The message asking `lead` for `items` (exactly these, in this order), in `language` (else
    the lead's language, else English), signed `coordinator_name` and the agency."""
    if not items:
        raise ValidationError("no records to ask for: every record is in")
    signer = (coordinator_name or "").strip()
    if not signer:
        raise NoSignerError()
    content = content or cached_content()
    wanted = (language or lead.language or REFERENCE_LANGUAGE).strip().lower()[:2]
    lang = wanted if wanted in content.texts else REFERENCE_LANGUAGE
    text = content.text(lang)
    name = _name_for(lead, lang)
    lines = [text.get("records_request.greeting", patient_name=name), "", text.get("records_request.intro")]
    lines += [f"• {item.label_in(lang)}" for item in items]
    lines += ["", text.get("records_request.how_to_send"), "", text.get("records_request.closing"), "",
              text.get("records_request.signoff"), signer, content.agency.name]
    return RequestMessage(lang, text.direction, "\n".join(lines), tuple(i.key for i in items))
