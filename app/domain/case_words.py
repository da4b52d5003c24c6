"""The case's fixed vocabularies, with their words: light to import (the CLI's parser offers them
as choices before any database is open). app.domain.case_records and app.domain.catalogue use
them from here."""
from __future__ import annotations

__all__ = ["APPROVAL_STATES", "RECORD_STATES", "REQUEST_CHANNELS"]

#: An offer's product: approved where it is given, investigational (compassionate use), or a
#: registered clinical trial (which then names its registry number).
APPROVAL_STATES: dict[str, str] = {
    "approved": "Approved",
    "investigational": "Investigational",
    "clinical_trial": "Clinical trial",
}
#: A record item's states, in the order a record moves through them, with their words.
RECORD_STATES: dict[str, str] = {"missing": "Missing", "requested": "Requested", "received": "Received",
                                 "accepted": "Accepted"}
#: How a record was asked for.
REQUEST_CHANNELS: dict[str, str] = {"email": "Email", "whatsapp": "WhatsApp", "telegram": "Telegram",
                                    "wechat": "WeChat", "sms": "SMS", "call": "Phone call",
                                    "in_person": "In person", "post": "Post"}
