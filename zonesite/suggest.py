""" "Did you mean ...?" for misspelt keys, references and language codes."""

from __future__ import annotations

import difflib

from slugify import slugify

from .i18n import _

# Words staff commonly use for a field that the schema names differently.
SYNONYMS = {
    "lon": "lng",
    "long": "lng",
    "longitude": "lng",
    "latitude": "lat",
    "vn": "vi",
    "eng": "en",
}


def closest(word: str, candidates: list[str]) -> str | None:
    """The candidate ``word`` was most probably meant to be, or None if none is close."""
    if not candidates:
        return None
    if word in SYNONYMS and SYNONYMS[word] in candidates:
        return SYNONYMS[word]
    folded = {slugify(c, separator="_"): c for c in candidates}
    key = slugify(word, separator="_")
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
        match = [folded[m] for m in match]
    return match[0] if match else None


def did_you_mean(word: str, candidates: list[str]) -> str:
    """``"did you mean 'available_ha'?"`` or the empty string."""
    guess = closest(word, candidates)
    return _("did you mean '{guess}'?").format(guess=guess) if guess else ""
