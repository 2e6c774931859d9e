"""Someone to call about every zone: the zone's own phone and e-mail, else the provincial authority's.

An investor who cannot reach anyone leaves. Every fact sheet, the compare page and the contact page
show a way to get in touch; a contact kept only as a placeholder (``sample: true``, or an address at
a domain reserved for examples) is marked on the page and reported by ``check`` until it is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.zone import Contact
from .zones import ZoneView

# Domains reserved for examples and tests (RFC 2606, RFC 6761): never a real inbox.
RESERVED = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$")


def is_sample(contact: Contact) -> bool:
    """Whether a contact is a placeholder: marked so, or with an e-mail at a reserved domain."""
    if contact.sample:
        return True
    return bool(contact.email and RESERVED.search(contact.email.rpartition("@")[2].lower()))


def reachable(contact: Contact | None) -> bool:
    """Whether a contact gives a phone number or an e-mail address."""
    return contact is not None and bool(contact.phone or contact.email)


@dataclass(frozen=True)
class Reach:
    """The quickest way to ask about one zone."""

    phone: str | None
    email: str | None
    zalo: str | None
    own: bool  # the zone's own contact; False when it is the provincial authority's
    sample: bool  # a placeholder, marked on the page

    @property
    def any(self) -> bool:
        return bool(self.phone or self.email)


def reach(view: ZoneView, authority: Contact | None) -> Reach:
    """The zone's first contact with a phone or e-mail (its developer's, failing that), else the authority."""
    developer = view.zone.developer
    candidates = [c for c in view.zone.contacts if reachable(c)]
    if candidates:
        first = candidates[0]
        return Reach(first.phone, first.email, first.zalo, True, is_sample(first))
    if developer.phone or developer.email:
        return Reach(developer.phone, developer.email, None, True, False)
    if authority is not None and reachable(authority):
        return Reach(authority.phone, authority.email, authority.zalo, False, is_sample(authority))
    return Reach(None, None, None, False, False)
