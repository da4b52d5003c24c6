"""Which catalogue offers fit a patient: from the lead's diagnosis category, its free-text diagnosis
(any script) and the case's clinical flags, every offer is `fits`, `needs_review` or `ruled_out`,
with the reason in plain words.

Recognition reads the catalogue's `indications.*.patterns` and `exclusions.*.patterns`
(resources/content/hospitals.toml). Text and patterns are compared case-insensitively and
accent-folded (NFKD without combining marks, so "leucémie" reads as "leucemie" and Arabic
vowel marks do not count). In alphabetic scripts a pattern must start a word, and a short
pattern (its last word of four letters or fewer: AML, CLL, ОЛЛ, B-ALL) must end one too, so "aml"
never matches "amlodipine" nor "олл" "коллега"; longer patterns are stems ("миелом" matches
"миелома", "glioma" matches "gliomas"). In Arabic a word may carry the usual one- or two-letter
prefixes (و ف ب ك ل: "بالخلايا" is "الخلايا" with "ب"). Chinese and Japanese patterns match as
substrings, those scripts having no spaces between words.

Exclusions suggested by the text (glioblastoma → active_cns_disease) count like recorded ones
until a coordinator clears them: the case's `clinical_flags` then holds "cleared:<flag>" (the
schema has one list for the flags, so a clearing is kept in it under that prefix).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.catalogue import Catalogue, Indication, Offer, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.domain.lead_records import DIAGNOSIS_CATEGORIES
from db.case_models import CaseFile
from db.engine import Database
from db.models import Lead

__all__ = [
    "CLEARED_PREFIX",
    "FITS",
    "NEEDS_REVIEW",
    "RULED_OUT",
    "VERDICTS",
    "OfferFit",
    "active_flags",
    "assess_offers",
    "fitting_offers",
    "fold",
    "lead_offer_fits",
    "matches",
    "offers_for_lead",
    "recognised_indications",
    "set_clinical_flag",
    "suggested_flags",
]

FITS = "fits"
NEEDS_REVIEW = "needs_review"
RULED_OUT = "ruled_out"
VERDICTS = (FITS, NEEDS_REVIEW, RULED_OUT)

#: A flag a coordinator cleared is kept in the case's clinical_flags as "cleared:<flag>".
CLEARED_PREFIX = "cleared:"

#: A pattern whose last word has at most this many letters is an abbreviation: it must end a word.
_ABBREVIATION_LETTERS = 4

_LETTER = r"[^\W\d_]"
_ARABIC_PROCLITICS = "وفبكل"


@dataclass(frozen=True)
class OfferFit:
    """One offer judged for one patient."""

    offer: Offer
    verdict: str  # fits / needs_review / ruled_out
    reason: str
    #: The offer's indications recognised in the diagnosis text.
    indications: tuple[str, ...] = ()
    #: The exclusions that rule it out (recorded on the case or suggested by the text).
    exclusions: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        return self.verdict == FITS


# ---------------------------------------------------------------- matching text


def fold(text: str | None) -> str:
    """Case-insensitive, accent-folded text: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped.casefold())


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FFFF or 0x3040 <= code <= 0x30FF)


def _is_arabic(char: str) -> bool:
    return 0x0600 <= ord(char) <= 0x06FF or 0x0750 <= ord(char) <= 0x077F


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str] | str | None:
    """A regular expression for an alphabetic pattern, the folded text itself for a CJK one."""
    folded = fold(pattern).strip()
    if not folded:
        return None
    if any(_is_cjk(char) for char in folded):
        return folded
    words = re.findall(_LETTER + "+", folded)
    last_word = words[-1] if words else ""
    ends_word = len(last_word) <= _ABBREVIATION_LETTERS and folded.endswith(last_word)
    body = r"\s+".join(re.escape(part) for part in folded.split())
    prefix = f"[{_ARABIC_PROCLITICS}]{{0,2}}" if _is_arabic(folded[0]) else ""
    start = f"(?<!{_LETTER}){prefix}"
    end = f"(?!{_LETTER})" if ends_word else ""
    return re.compile(start + body + end)


def matches(pattern: str, text: str | None) -> bool:
    """Whether `pattern` is found in `text` by the rules above."""
    compiled = _compiled(pattern)
    if compiled is None or not text:
        return False
    folded = fold(text)
    if isinstance(compiled, str):
        return compiled in folded
    return compiled.search(folded) is not None


def _any(patterns: Iterable[str], text: str | None) -> bool:
    return any(matches(pattern, text) for pattern in patterns)


def recognised_indications(catalogue: Catalogue, diagnosis: str | None) -> list[str]:
    """The catalogue's indications named in the diagnosis text, in catalogue order."""
    return [key for key, indication in catalogue.indications.items() if _any(indication.patterns, diagnosis)]


def suggested_flags(catalogue: Catalogue, diagnosis: str | None) -> list[str]:
    """Exclusions the diagnosis text suggests (glioblastoma → active_cns_disease), catalogue order.
    They count as exclusions until a coordinator clears them (`set_clinical_flag(..., False)`)."""
    return [key for key, exclusion in catalogue.exclusions.items() if _any(exclusion.patterns, diagnosis)]


def active_flags(catalogue: Catalogue, diagnosis: str | None, flags: Iterable[str] = ()) -> list[str]:
    """The exclusions that count: those recorded on the case and those the text suggests, less the
    ones a coordinator cleared."""
    recorded = [f for f in flags if not f.startswith(CLEARED_PREFIX)]
    cleared = {f[len(CLEARED_PREFIX):] for f in flags if f.startswith(CLEARED_PREFIX)}
    found = [*recorded, *suggested_flags(catalogue, diagnosis)]
    return [f for f in dict.fromkeys(found) if f not in cleared]


# ---------------------------------------------------------------- judging offers


def _short(indication: Indication) -> str:
    """"B-ALL" from "B-cell acute lymphoblastic leukaemia (B-ALL)"; the label when it has no
    abbreviation in brackets."""
    found = re.search(r"\(([^)]+)\)\s*$", indication.label)
    if found and " " not in found.group(1).strip():
        return found.group(1).strip()
    return _plain(indication)


def _plain(indication: Indication) -> str:
    """"chronic lymphocytic leukaemia" from "Chronic lymphocytic leukaemia (CLL)"."""
    label = re.sub(r"\s*\([^)]*\)\s*$", "", indication.label).strip() or indication.label
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _either(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _designed_for(catalogue: Catalogue, offer: Offer) -> str:
    known = [catalogue.indications[k] for k in offer.indications if k in catalogue.indications]
    return "designed for " + (_either([_short(i) for i in known]) if known else offer.program.replace("_", " "))


def _category_label(category: str) -> str:
    return DIAGNOSIS_CATEGORIES.get(category, category.replace("_", " ")).lower()


def _judge(catalogue: Catalogue, offer: Offer, category: str | None, diagnosis: str | None,
           recognised: Sequence[str], flags: Sequence[str], suggested: Sequence[str]) -> OfferFit:
    ruling = [f for f in offer.excludes if f in flags]
    if ruling:
        words = []
        for flag in ruling:
            exclusion = catalogue.exclusions.get(flag)
            label = exclusion.label if exclusion else flag.replace("_", " ")
            label = label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label
            words.append(label)
        verb = "rules" if len(ruling) == 1 else "rule"
        reason = f"{_either(words)} {verb} it out"
        if any(flag in suggested for flag in ruling):
            reason += " (read in the diagnosis text; a coordinator can clear it)"
        return OfferFit(offer, RULED_OUT, reason[0].upper() + reason[1:],
                        tuple(k for k in recognised if k in offer.indications), tuple(ruling))
    treated = tuple(k for k in recognised if k in offer.indications)
    if treated:
        names = _either([_short(catalogue.indications[k]) for k in treated])
        return OfferFit(offer, FITS, f"The diagnosis reads as {names}, which it treats", treated)
    designed = _designed_for(catalogue, offer)
    if recognised:
        reads = _either([_plain(catalogue.indications[k]) for k in recognised])
        return OfferFit(offer, RULED_OUT, f"{designed[0].upper()}{designed[1:]}; the diagnosis reads as {reads}")
    if not (diagnosis or "").strip() and category is None:
        return OfferFit(offer, NEEDS_REVIEW, "No diagnosis recorded yet: the doctors must see the records")
    categories = {catalogue.indications[k].category for k in offer.indications if k in catalogue.indications}
    if category is None or category == "other" or category in categories:
        group = f"reads as {_category_label(category)}" if category and category != "other" else "is not specific"
        return OfferFit(offer, NEEDS_REVIEW,
                        f"{designed[0].upper()}{designed[1:]}; the diagnosis {group} but names no specific type, "
                        "so the doctors must review it")
    return OfferFit(offer, RULED_OUT,
                    f"{designed[0].upper()}{designed[1:]}; the diagnosis group is {_category_label(category)}")


def assess_offers(catalogue: Catalogue, *, category: str | None, diagnosis: str | None,
                  flags: Iterable[str] = ()) -> list[OfferFit]:
    """Every catalogue offer judged for this patient, in catalogue order."""
    recognised = recognised_indications(catalogue, diagnosis)
    suggested = suggested_flags(catalogue, diagnosis)
    recorded = list(flags)
    active = active_flags(catalogue, diagnosis, recorded)
    suggested_only = [f for f in suggested if f not in recorded]
    return [_judge(catalogue, offer, category, diagnosis, recognised, active, suggested_only)
            for offer in catalogue.offers.values()]


def fitting_offers(fits: Iterable[OfferFit]) -> list[Offer]:
    return [fit.offer for fit in fits if fit.verdict == FITS]


# ---------------------------------------------------------------- a lead's case


def _case_flags(session: Session, lead: Lead) -> list[str]:
    case = session.scalars(select(CaseFile).where(CaseFile.lead_id == lead.id)).first()
    return list(case.clinical_flags or []) if case is not None else []


def lead_offer_fits(session: Session, lead: Lead, catalogue: Catalogue) -> list[OfferFit]:
    """`assess_offers` for a lead in an open session (its case's flags included)."""
    return assess_offers(catalogue, category=lead.diagnosis_category, diagnosis=lead.diagnosis,
                         flags=_case_flags(session, lead))


def offers_for_lead(db: Database, key: int | str, *, catalogue: Catalogue | None = None) -> list[OfferFit]:
    """Every offer judged for the lead `key` (id or reference), in catalogue order: what the case
    view shows as "offers that fit" (verdict fits), "need the doctors' review" and "ruled out"."""
    catalogue = catalogue or current_catalogue(db)
    with db.read() as session:
        lead = case_lead(session, key)
        return lead_offer_fits(session, lead, catalogue)


def set_clinical_flag(db: Database, key: int | str, flag: str, present: bool, *, actor_id: int | None = None,
                      note: str | None = None, clock: Clock = utc_now) -> list[str]:
    """Record that exclusion `flag` applies to the case (`present`) or does not (a coordinator
    clears it, also when the diagnosis text suggested it); on the lead's timeline. Returns the
    case's clinical_flags as stored."""
    catalogue = current_catalogue(db, clock=clock)
    if flag not in catalogue.exclusions:
        known = ", ".join(catalogue.exclusions) or "none"
        raise ValidationError(f"no exclusion '{flag}' in the catalogue; there are: {known}")
    label = catalogue.exclusions[flag].label
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        case = ensure_case(session, lead, now)
        before = list(case.clinical_flags or [])
        cleared = CLEARED_PREFIX + flag
        if present:
            after = [f for f in before if f != cleared]
            after += [] if flag in after else [flag]
        else:
            after = [f for f in before if f not in (flag, cleared)] + [cleared]
        if after == before:
            return before
        case.clinical_flags = after
        case.updated_at = now
        words = f"{label}: {'recorded' if present else 'cleared'}" + (f" ({note})" if note else "")
        case_event(session, lead, "clinical_flag_set" if present else "clinical_flag_cleared", words, now=now,
                   actor_id=actor_id, details={"flag": flag})
        return after
