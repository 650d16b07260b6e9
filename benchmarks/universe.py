"""A generated company universe with known duplicates, for the TAL benchmark.

Vectorised numpy (StringDType) and Arrow, seeded: the same size and seed give the
same rows. 95 % of the rows are distinct companies; 5 % are second listings of
one of them, spelled as another list would: legal form written another way,
upper or lower case, a typo in the brand, the descriptor word dropped, the web
address with www/http/a page or missing, the city left blank, the head count
off a little, and often in another list (crm, vendor_a, vendor_b). A few
companies share their brand with another company (other descriptor, other
domain): look-alikes that must stay apart. Column `entity` is the truth.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from icpkit.sample.geography import COUNTRIES

log = logging.getLogger(__name__)

S = np.dtypes.StringDType()
DUPLICATE_SHARE = 0.05
NAMESAKE_SHARE = 0.005  # of companies: brand of another company, other descriptor
DESCRIPTOR_SHARE = 0.5
ADJECTIVE_SHARE = 0.12
BASE_NO_DOMAIN = 0.06
LISTS = np.array(["crm", "vendor_a", "vendor_b"], dtype=S)
LIST_WEIGHTS = (0.03, 0.77, 0.20)
SAME_LIST_SHARE = 0.4  # of duplicates: listed twice in the list of the original

ONSETS = ("b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
          "br", "cl", "dr", "gr", "kr", "pl", "st", "tr", "qu", "sh", "th", "fl",
          "sp", "h", "j", "w", "x")  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ar", "or", "en", "al", "y",
          "ou", "ei")  # fmt: skip
CODAS = ("", "", "", "n", "r", "x", "s", "l", "m", "nt", "rk", "sk", "ve", "ra",
         "on", "ex", "ia", "is")  # fmt: skip
ADJECTIVES = ("Blue", "North", "Summit", "Iron", "Silver", "Red", "Cedar", "Harbor",
              "Granite", "Bright", "Clear", "Pioneer", "Atlas", "Evergreen", "Falcon",
              "Beacon", "Crescent", "Oak", "Maple", "River", "Golden", "Prairie",
              "Coastal", "Copper", "Lakeside", "Highland", "Redwood", "Polar",
              "First", "United", "Pacific", "Alpine")  # fmt: skip
DESCRIPTORS = ("Systems", "Labs", "Logistics", "Foods", "Partners", "Consulting",
               "Capital", "Health", "Energy", "Software", "Solutions", "Industries",
               "Technologies", "Media", "Analytics", "Networks", "Robotics", "Pharma",
               "Builders", "Motors", "Design", "Studios", "Dynamics", "Ventures",
               "Insurance", "Financial", "Engineering", "Electric", "Materials",
               "Biosciences", "Security", "Services", "Retail", "Apparel",
               "Construction", "Marine", "Aerospace", "Communications", "Brands",
               "Interactive")  # fmt: skip
# Each legal form and the spellings lists use for it (the first is the usual one).
LEGAL_FORMS = (
    ("",), ("Inc.", "Inc", "Incorporated", ", Inc.", "INC"),
    ("Corp.", "Corp", "Corporation"), ("LLC", "L.L.C.", ", LLC"),
    ("Ltd", "Ltd.", "Limited"), ("Co.", "Co", "Company"), ("PLC", "plc"),
    ("GmbH", "G.m.b.H.", "Gmbh"), ("AG", "A.G."), ("SA", "S.A."), ("SAS", "S.A.S."),
    ("B.V.", "BV"), ("AB",), ("KK", "K.K."), ("Pty Ltd", "Pty. Ltd.", "Pty Limited"),
    ("S.L.", "SL"), ("Ltda", "Ltda."), ("S.A. de C.V.", "SA de CV"),
    ("Holdings", "Holding"), ("Group",),
)  # fmt: skip
LOCAL_FORMS = {
    "GB": ("Ltd", "PLC", "Group", ""), "IE": ("Ltd", "PLC", ""),
    "DE": ("GmbH", "AG", ""), "FR": ("SA", "SAS", ""), "NL": ("B.V.", ""),
    "SE": ("AB", ""), "ES": ("S.L.", "SA", ""), "AU": ("Pty Ltd", "Ltd", ""),
    "NZ": ("Ltd", ""), "JP": ("KK", "Co.", ""), "BR": ("Ltda", ""),
    "MX": ("S.A. de C.V.", ""), "IL": ("Ltd", ""), "ZA": ("Pty Ltd", "Ltd", ""),
    "SG": ("Pte Ltd", "Ltd", "") , "IN": ("Ltd", "Pvt Ltd", ""),
}  # fmt: skip
DEFAULT_FORMS = ("Inc.", "Corp.", "LLC", "Co.", "Holdings", "Group", "", "", "")
TLD = {"GB": "co.uk", "DE": "de", "FR": "fr", "AU": "com.au", "JP": "co.jp",
       "NL": "nl", "SE": "se", "ES": "es", "IE": "ie", "NZ": "co.nz",
       "BR": "com.br", "MX": "com.mx", "IN": "in", "SG": "sg"}  # fmt: skip
INDUSTRIES = ("software", "retail", "energy", "healthcare", "insurance",
              "manufacturing", "education", "media")  # fmt: skip
COLUMNS = ("company_id", "source", "name", "domain", "industry", "employees",
           "annual_revenue", "country", "region", "state", "city",
           "entity")  # fmt: skip


def _forms_table() -> tuple[list[str], np.ndarray, np.ndarray, dict[str, int]]:
    """All spellings flat, each form's first position and count, form numbers."""
    extra = [("Pte Ltd", "Pte. Ltd."), ("Pvt Ltd", "Pvt. Ltd.", "Private Limited")]
    forms = list(LEGAL_FORMS) + extra
    flat = [spelling for spellings in forms for spelling in spellings]
    counts = np.array([len(spellings) for spellings in forms])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    number = {spellings[0]: i for i, spellings in enumerate(forms)}
    return flat, starts, counts, number


SPELLINGS, FORM_START, FORM_COUNT, FORM_NUMBER = _forms_table()


def _pick(rng: np.random.Generator, words: tuple[str, ...], count: int) -> np.ndarray:
    return np.array(words, dtype=S)[rng.integers(0, len(words), count)]


def _join(*parts: np.ndarray) -> np.ndarray:
    """Concatenate string arrays element-wise."""
    out = parts[0]
    for part in parts[1:]:
        out = np.strings.add(out, part)
    return out


def _spaced(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """`left right`, or the non-empty one alone."""
    both = (np.strings.str_len(left) > 0) & (np.strings.str_len(right) > 0)
    return _join(left, np.where(both, " ", ""), right)


def _brands(rng: np.random.Generator, count: int) -> np.ndarray:
    """Made-up pronounceable brands ('Zentrix'), capitalised, possibly repeated."""
    syllables = rng.choice([2, 3, 4], size=count, p=[0.3, 0.6, 0.1])
    onsets, vowels = np.array(ONSETS, dtype=S), np.array(VOWELS, dtype=S)
    word = np.full(count, "", dtype=S)
    for k in range(4):
        part = _join(onsets[rng.integers(0, len(ONSETS), count)],
                     vowels[rng.integers(0, len(VOWELS), count)])  # fmt: skip
        word = np.where(syllables > k, np.strings.add(word, part), word)
    word = np.strings.add(word, np.array(CODAS, dtype=S)[rng.integers(0, 18, count)])
    return np.strings.capitalize(word)


def _unique_brands(rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` brands, all different."""
    brands = np.empty(0, dtype=S)
    while len(brands) < count:
        drawn = np.concatenate([brands, _brands(rng, int(1.2 * count) + 100)])
        lowered = pa.array(np.strings.lower(drawn), pa.large_string())
        codes = lowered.dictionary_encode().indices
        _, first = np.unique(codes.to_numpy(), return_index=True)
        brands = drawn[np.sort(first)]
    return brands[:count]


def _slug(text: np.ndarray) -> np.ndarray:
    """Lower-case letters only: a domain label."""
    lowered = np.strings.lower(text)
    for character in (" ", "-", "."):
        lowered = np.strings.replace(lowered, character, "")
    return lowered


def _countries(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    """country (ISO), region, state, city and web suffix of `count` companies."""
    weights = np.array([country.weight for country in COUNTRIES])
    which = rng.choice(len(COUNTRIES), size=count, p=weights / weights.sum())
    places = [(c.iso2, c.region, s, city, TLD.get(c.iso2, "com"))
              for c in COUNTRIES for s, city in c.places]  # fmt: skip
    first = np.cumsum([0] + [len(c.places) for c in COUNTRIES])
    sizes = np.diff(first)
    place = first[which] + (rng.random(count) * sizes[which]).astype(int)
    table = np.array(places, dtype=S)
    columns = ("country", "region", "state", "city", "tld")
    return {name: table[place, i] for i, name in enumerate(columns)}


def _legal_forms(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    """Form number (FORM_NUMBER) of each company, from its country's usual forms."""
    form = np.empty(len(country), dtype=np.int64)
    default = np.ones(len(country), dtype=bool)
    for iso2, forms in LOCAL_FORMS.items():
        rows = np.flatnonzero(country == iso2)
        numbers = np.array([FORM_NUMBER[f] for f in forms])
        form[rows] = numbers[rng.integers(0, len(numbers), len(rows))]
        default[rows] = False
    numbers = np.array([FORM_NUMBER[f] for f in DEFAULT_FORMS])
    form[default] = numbers[rng.integers(0, len(numbers), int(default.sum()))]
    return form


def _spelling(form: np.ndarray, choice: np.ndarray) -> np.ndarray:
    """Spelling number `choice` (wrapped) of each form."""
    spellings = np.array(SPELLINGS, dtype=S)
    return spellings[FORM_START[form] + choice % FORM_COUNT[form]]


def _name(adjective: np.ndarray, brand: np.ndarray, descriptor: np.ndarray,
          form: np.ndarray) -> np.ndarray:  # fmt: skip
    """'Blue Zentrix Labs Inc.'; ', Inc.' attaches without a space."""
    stem = _spaced(_spaced(adjective, brand), descriptor)
    comma = np.strings.startswith(form, ",")
    return np.where(comma, np.strings.add(stem, form), _spaced(stem, form))


def _firmographics(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    employees = np.round(rng.lognormal(4.0, 1.6, count)) + 1
    employees[rng.random(count) < 0.03] = np.nan
    return {
        "industry": _pick(rng, INDUSTRIES, count),
        "employees": employees,
        "annual_revenue": np.round(employees * rng.lognormal(11.5, 0.6, count), -3),
    }


def companies(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    """`count` distinct companies: name parts, domain, place, firmographics."""
    brand = _unique_brands(rng, count)
    namesake = rng.random(count) < NAMESAKE_SHARE
    brand[namesake] = brand[rng.integers(0, count, int(namesake.sum()))]
    descriptor = np.where(
        (rng.random(count) < DESCRIPTOR_SHARE) | namesake,
        _pick(rng, DESCRIPTORS, count),
        "",
    )
    adjective = np.where(rng.random(count) < ADJECTIVE_SHARE,
                         _pick(rng, ADJECTIVES, count), "")  # fmt: skip
    place = _countries(rng, count)
    form = _legal_forms(rng, place["country"])
    long_label = namesake | ((descriptor != "") & (rng.random(count) < 0.3))
    label = _slug(np.where(long_label, _join(adjective, brand, descriptor),
                           _join(adjective, brand)))  # fmt: skip
    domain = _join(label, np.full(count, ".", dtype=S), place.pop("tld"))
    return {
        "adjective": adjective, "brand": brand, "descriptor": descriptor,
        "form": form, "domain": domain,
        "has_domain": rng.random(count) >= BASE_NO_DOMAIN,
        **place, **_firmographics(rng, count),
    }  # fmt: skip


def _typo(rng: np.random.Generator, word: np.ndarray) -> np.ndarray:
    """One slip per word: a letter replaced, dropped, doubled or two swapped."""
    length = np.strings.str_len(word)
    at = 1 + (rng.random(len(word)) * np.maximum(length - 2, 1)).astype(np.int64)
    head, here = np.strings.slice(word, 0, at), np.strings.slice(word, at, at + 1)
    after, tail = (
        np.strings.slice(word, at + 1, at + 2),
        np.strings.slice(word, at + 2, None),
    )
    letter = _pick(rng, tuple("abcdefghiklmnoprstuvz"), len(word))
    kind = rng.integers(0, 4, len(word))
    rest = np.strings.add(after, tail)
    return np.select(
        [kind == 0, kind == 1, kind == 2],
        [_join(head, letter, rest), _join(head, rest), _join(head, here, here, rest)],
        default=_join(head, after, here, tail),
    )


def _website(rng: np.random.Generator, domain: np.ndarray) -> np.ndarray:
    """How a list writes a web address: bare, www, a scheme, a page, upper case."""
    form = rng.choice(6, size=len(domain), p=[0.3, 0.25, 0.15, 0.1, 0.1, 0.1])
    return np.select(
        [form == 0, form == 1, form == 2, form == 3, form == 4],
        [domain, np.strings.add("www.", domain), np.strings.add("http://", domain),
         _join(np.full(len(domain), "https://www.", S), domain, "/"),
         _join(np.full(len(domain), "https://", S), domain, "/about")],
        default=np.strings.upper(np.strings.add("WWW.", domain)),
    )  # fmt: skip


def _duplicate_form(rng: np.random.Generator, base: dict[str, np.ndarray],
                    rows: np.ndarray) -> np.ndarray:  # fmt: skip
    """Legal-form spelling of each second listing: kept, respelled, dropped or
    added."""
    form = base["form"][rows]
    draw = rng.random(len(rows))
    choice = np.where(draw < 0.45, 0, rng.integers(1, 5, len(rows)))
    spelled = _spelling(form, choice)
    add = _spelling(
        np.full(len(rows), FORM_NUMBER["Inc."]), rng.integers(0, 5, len(rows))
    )
    none = form == FORM_NUMBER[""]
    spelled = np.where(none & (draw > 0.8), add, spelled)
    return np.where(~none & (draw > 0.8), "", spelled)


def duplicates(rng: np.random.Generator, base: dict[str, np.ndarray],
               count: int) -> dict[str, np.ndarray]:  # fmt: skip
    """Second listings of `count` companies drawn from `base`."""
    rows = rng.integers(0, len(base["brand"]), count)
    brand = base["brand"][rows]
    brand = np.where(rng.random(count) < 0.3, _typo(rng, brand), brand)
    descriptor = np.where(rng.random(count) < 0.1, "", base["descriptor"][rows])
    name = _name(base["adjective"][rows], brand, descriptor,
                 _duplicate_form(rng, base, rows))  # fmt: skip
    case = rng.random(count)
    name = np.where(case < 0.2, np.strings.upper(name), name)
    name = np.where(case > 0.95, np.strings.lower(name), name)
    name = np.where(rng.random(count) < 0.03, np.strings.add("The ", name), name)
    has_domain = base["has_domain"][rows] & (rng.random(count) >= 0.25)
    employees = base["employees"][rows] * rng.uniform(0.8, 1.2, count)
    employees[rng.random(count) < 0.2] = np.nan
    city = np.where(rng.random(count) < 0.85, base["city"][rows], "")
    return {
        "name": name, "domain": _website(rng, base["domain"][rows]),
        "has_domain": has_domain, "employees": np.round(employees), "city": city,
        "entity": rows,
        **{c: base[c][rows] for c in ("industry", "annual_revenue", "country",
                                      "region", "state")},
    }  # fmt: skip


def _lists(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.choice(len(LISTS), size=count, p=LIST_WEIGHTS)


def generate(companies_count: int, seed: int = 11) -> pa.Table:
    """The universe of `companies_count` rows (COLUMNS), duplicates spread."""
    rng = np.random.default_rng(seed)
    count = round(companies_count * DUPLICATE_SHARE)
    base = companies(rng, companies_count - count)
    base_rows = {
        "name": _name(base["adjective"], base["brand"], base["descriptor"],
                      _spelling(base["form"], np.zeros(len(base["form"]), int))),
        "domain": _website(rng, base["domain"]), "has_domain": base["has_domain"],
        "entity": np.arange(len(base["brand"])),
        **{c: base[c] for c in ("industry", "employees", "annual_revenue", "country",
                                "region", "state", "city")},
    }  # fmt: skip
    copies = duplicates(rng, base, count)
    lists = _lists(rng, len(base["brand"]))
    other = (lists[copies["entity"]] + rng.integers(1, 3, count)) % len(LISTS)
    same = rng.random(count) < SAME_LIST_SHARE
    copy_lists = np.where(same, lists[copies["entity"]], other)
    order = rng.permutation(companies_count)
    columns = {c: np.concatenate([base_rows[c], copies[c]])[order] for c in base_rows}
    source = LISTS[np.concatenate([lists, copy_lists])[order]]
    return _table(columns, source)


def _table(columns: dict[str, np.ndarray], source: np.ndarray) -> pa.Table:
    def text(values: np.ndarray, present: np.ndarray | None = None) -> pa.Array:
        mask = np.strings.str_len(values) == 0
        if present is not None:
            mask |= ~present
        return pa.array(values, type=pa.string(), mask=mask)

    count = len(source)
    return pa.table({
        "company_id": pa.array(np.arange(count, dtype=np.int64)),
        "source": pa.array(source, type=pa.string()).dictionary_encode(),
        "name": text(columns["name"]),
        "domain": text(columns["domain"], columns["has_domain"]),
        "industry": pa.array(columns["industry"], pa.string()).dictionary_encode(),
        "employees": pa.array(columns["employees"], from_pandas=True),
        "annual_revenue": pa.array(columns["annual_revenue"], from_pandas=True),
        "country": pa.array(columns["country"], pa.string()).dictionary_encode(),
        "region": pa.array(columns["region"], pa.string()).dictionary_encode(),
        "state": text(columns["state"]).dictionary_encode(),
        "city": text(columns["city"]).dictionary_encode(),
        "entity": pa.array(columns["entity"].astype(np.int64)),
    })  # fmt: skip


def write_universe(path: Path, companies_count: int, seed: int = 11) -> float:
    """Generate the universe into a Parquet file; returns the seconds it took."""
    started = time.perf_counter()
    table = generate(companies_count, seed)
    pq.write_table(table, path, row_group_size=200_000)
    seconds = time.perf_counter() - started
    log.info("generated %s companies in %.1f s", f"{companies_count:,}", seconds)
    return seconds
