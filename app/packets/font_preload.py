"""Imported by a packet batch's fork server: reads and registers every packet font once there.

Workers forked from that server inherit the parsed fonts, so none of them reads the font files
again (the Chinese font alone takes about a quarter of a second, and every packet needs it for
the Chinese partner hospitals' names). Importing this module does that work; nothing else
imports it.
"""

from __future__ import annotations

from app.packets.fonts import font_book

font_book().load_all()
