"""Company names and web domains, and the variants other sources write them as."""

from __future__ import annotations

import re

import numpy as np

ONSETS = (
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
    "cl", "dr", "gr", "kr", "pl", "st", "tr", "qu", "sh", "th", "fl", "sp"
)  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ar", "or", "en", "al")
CODAS = ("", "", "", "n", "r", "x", "s", "l", "m", "nt", "rk", "sk", "ve", "ra")
ADJECTIVES = (
    "Blue", "North", "Summit", "Iron", "Silver", "Red", "Cedar", "Harbor",
    "Granite", "Bright", "Clear", "Pioneer", "Atlas", "Evergreen", "Falcon",
    "Beacon", "Crescent", "Oak", "Maple", "River", "Golden", "Prairie", "Coastal",
    "Copper", "Lakeside", "Highland", "Redwood", "Polar"
)  # fmt: skip
NOUNS = (
    "Ridge", "Stone", "Field", "Point", "Bridge", "Peak", "Works", "Labs", "Line",
    "Path", "Wave", "Gate", "Forge", "Rock", "Crest", "Grove", "Valley", "Harbor",
    "Sky", "Trail", "Mill", "Haven", "Key", "Signal"
)  # fmt: skip
SURNAMES = (
    "Patterson", "Hansen", "Walker", "Henson", "Chapman", "Fowler", "Hill",
    "Dodson", "Avila", "Ryan", "Garrett", "Spence", "Lopez", "Sullivan", "Faulkner",
    "Johnson", "Avery", "Warner", "Jackson", "Robinson", "Todd", "Bennett",
    "Harper", "Sutton", "Keller", "Moreno", "Larsen", "Baxter"
)  # fmt: skip
IRISH = ("Reilly", "Brien", "Connor", "Neill", "Malley", "Donnell", "Hara", "Keefe")
LEGAL_FORMS = ("Inc.", "Corp", "Corporation", "LLC", "Ltd", "Group", "Co.",
               "Holdings", "", "", "")  # fmt: skip
LOCAL_LEGAL_FORMS = {
    "DE": ("GmbH", "AG", ""), "GB": ("Ltd", "PLC", "Group", ""),
    "FR": ("SA", "SAS", ""), "AU": ("Pty Ltd", "Ltd", ""), "NZ": ("Ltd", ""),
    "JP": ("KK", "Co., Ltd.", ""), "NL": ("B.V.", ""), "SE": ("AB", ""),
    "ES": ("S.L.", "SA", ""), "BR": ("Ltda", ""), "MX": ("S.A. de C.V.", ""),
}  # fmt: skip
# Cumulative shares of the vendor's website spellings, in universe_website's order.
VENDOR_FORM_SHARES = (0.15, 0.30, 0.55, 0.85, 0.95, 1.0)
LEGAL_LONG = {"Inc.": "Incorporated", "Corp": "Corporation", "Co.": "Company",
              "Ltd": "Limited", "LLC": "L.L.C."}  # fmt: skip


def brand_words(rng: np.random.Generator, count: int) -> list[str]:
    """Made-up pronounceable brands such as 'Zentrix'."""
    syllables = rng.integers(2, 4, size=count)
    onsets = rng.integers(0, len(ONSETS), size=(count, 3))
    vowels = rng.integers(0, len(VOWELS), size=(count, 3))
    codas = rng.integers(0, len(CODAS), size=count)
    words = []
    for row in range(count):
        parts = [ONSETS[onsets[row, k]] + VOWELS[vowels[row, k]]
                 for k in range(syllables[row])]  # fmt: skip
        words.append(("".join(parts) + CODAS[codas[row]]).capitalize())
    return words


def candidate_stems(rng: np.random.Generator, count: int) -> list[str]:
    """The distinctive parts of company names, without a legal form."""
    kind = rng.random(count)
    brands = brand_words(rng, count)
    picks = rng.integers(0, 1 << 30, size=(count, 2))
    stems = []
    for row in range(count):
        one, two = int(picks[row, 0]), int(picks[row, 1])
        if kind[row] < 0.70:
            stems.append(brands[row])
        elif kind[row] < 0.82:
            stems.append(f"{_pick(ADJECTIVES, one)} {_pick(NOUNS, two)}")
        elif kind[row] < 0.90:
            stems.append(f"{_pick(SURNAMES, one)}-{_pick(SURNAMES, two)}")
        elif kind[row] < 0.96:
            stems.append(f"{_pick(SURNAMES, one)} & {_pick(SURNAMES, two)}")
        else:
            stems.append(f"O'{_pick(IRISH, one)} {_pick(NOUNS, two)}")
    return stems


def _pick(words: tuple[str, ...], number: int) -> str:
    return words[number % len(words)]


def slug(text: str) -> str:
    """Lower-case letters and digits only: the domain label of a stem."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def unique_stems(rng: np.random.Generator, count: int) -> list[str]:
    """`count` stems whose slugs (hence domains) are all different."""
    seen: set[str] = set()
    stems: list[str] = []
    while len(stems) < count:
        for candidate in candidate_stems(rng, count - len(stems)):
            key = slug(candidate)
            if key not in seen:
                seen.add(key)
                stems.append(candidate)
    return stems


def legal_name(
    rng: np.random.Generator, stems: list[str], iso2: np.ndarray
) -> list[str]:
    """Each stem with a legal form of its country ('Corp', 'GmbH'; sometimes none)."""
    draws = rng.integers(0, 1 << 30, size=len(stems))
    named = []
    for text, country, draw in zip(stems, iso2, draws, strict=True):
        forms = LOCAL_LEGAL_FORMS.get(str(country), LEGAL_FORMS)
        named.append(f"{text} {_pick(forms, int(draw))}".strip())
    return named


def domain(stem_text: str, iso2: str) -> str:
    """The registered domain of a company: slug plus a country-flavoured suffix."""
    suffix = {"GB": "co.uk", "DE": "de", "FR": "fr", "AU": "com.au", "JP": "jp"}
    return f"{slug(stem_text)}.{suffix.get(iso2, 'com')}"


def crm_website(rng: np.random.Generator, registered: str) -> str:
    """How a rep types a website into the CRM."""
    forms = (f"www.{registered}", f"https://www.{registered}", registered,
             f"http://{registered}/")  # fmt: skip
    return forms[int(rng.integers(0, len(forms)))]


def universe_website(rng: np.random.Generator, registered: str) -> str:
    """How a data vendor writes the same website: a page, a scheme, upper case."""
    forms = (f"https://www.{registered}/about", f"http://{registered}",
             f"www.{registered}", registered, f"https://{registered}/",
             f"HTTPS://WWW.{registered.upper()}")  # fmt: skip
    draw = rng.random()
    for form, cumulative in zip(forms, VENDOR_FORM_SHARES, strict=True):
        if draw < cumulative:
            return form
    return forms[-1]


def investor_website(rng: np.random.Generator, registered: str) -> str:
    """An investor-relations URL, as public-company lists often give."""
    forms = (f"https://investor.{registered}", f"https://ir.{registered}/",
             f"https://investors.{registered}/overview")  # fmt: skip
    return forms[int(rng.integers(0, len(forms)))]


def name_variant(rng: np.random.Generator, name: str) -> str:
    """Another source's spelling of a name: 'Acme Corp' -> 'ACME CORPORATION, INC.'."""
    variant = name
    for word, long in LEGAL_LONG.items():
        if variant.endswith(" " + word) and rng.random() < 0.6:
            variant = variant[: -len(word)] + long
    if rng.random() < 0.35:
        variant = variant + ", Inc." if "Inc" not in variant else variant
    if " & " in variant and rng.random() < 0.5:
        variant = variant.replace(" & ", " and ")
    if rng.random() < 0.35:
        variant = variant.upper()
    if variant == name:
        variant = "The " + name if rng.random() < 0.5 else name.upper()
    return variant


def html_escaped(name: str, rng: np.random.Generator) -> str:
    """The name as a scraped list writes it: O&#8217;Reilly, Smith &amp; Jones."""
    if "'" in name:
        return name.replace("'", "&#8217;")
    if "&" in name and rng.random() < 0.5:
        return name.replace("&", "&amp;")
    return name
