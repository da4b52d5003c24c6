"""Which time zones a patient's number points to, narrowed to the number's own country.

`phonenumbers` lists the zones of a whole calling code's range: an Irish mobile gets
Guernsey, the Isle of Man and London; a Russian one gets Almaty and Bucharest too. For the
patient's local time the zones of the number's country are the ones that matter: a country with
a single zone (Ireland, India, Saudi Arabia) gets that zone by its current name (Europe/Dublin,
Asia/Kolkata); a country with several keeps the listed zones that are in it.
"""
from __future__ import annotations

from functools import lru_cache

from babel.core import get_global

from app.domain.phone import PhoneInfo

__all__ = ["patient_zones"]


@lru_cache(maxsize=512)
def _country_zones(region: str) -> tuple[str, ...]:
    return tuple(get_global("territory_zones").get(region.upper(), ()))


def patient_zones(info: PhoneInfo) -> tuple[str, ...]:
    """The zones to show the patient's local time in (may be empty: unknown)."""
    if not info.region:
        return info.time_zones
    own = _country_zones(info.region)
    if len(own) == 1:
        return own
    inside = tuple(zone for zone in info.time_zones if zone in own)
    return inside or info.time_zones
