"""How a check or widget answers: :class:`Feedback`, and the words its messages use.

``Feedback`` is shared by the answer checks, the widgets and the scoring helpers; it depends on
nothing else in the package.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "SYMBOLS",
    "Feedback",
    "Noun",
    "error_feedback",
    "format_number",
    "index_phrase",
    "pluralize",
    "show",
    "type_phrase",
]

#: Okabe-Ito colours for the left border of a feedback block (the text marker carries the
#: meaning; colour only repeats it).
_COLOURS = {True: "#009E73", False: "#D55E00", None: "#999999"}
#: The text marker of right (✔), not yet right (✘) and not answered (…).
SYMBOLS = {True: "\u2714", False: "\u2718", None: "\u2026"}  # ✔ ✘ …
_LABELS = {True: "Correct", False: "Not yet", None: "Not answered yet"}
_CODE = re.compile(r"`([^`\n]+)`")


@dataclasses.dataclass(frozen=True)
class Feedback:
    """The answer to a check.

    ``ok`` is ``True`` (right), ``False`` (not yet right) or ``None`` (not answered yet).
    ``message`` is plain text: it is HTML-escaped when rendered, so it may safely contain
    whatever the student typed. Text between backticks is shown as code.
    ``label`` replaces the default marker word ("Correct", "Not yet", "Not answered yet"),
    for widgets whose result is not right or wrong (e.g. "Scored").
    """

    ok: bool | None
    message: str
    label: str | None = None

    @property
    def marker(self) -> str:
        """The text marker, e.g. ``"✔ Correct"``; it carries the meaning, not the colour."""
        key = self.ok if self.ok in (True, False) else None
        return f"{SYMBOLS[key]} {self.label or _LABELS[key]}"

    @property
    def text(self) -> str:
        """One plain-text line: marker, dash, message."""
        message = str(self.message).strip()
        label = self.label or _LABELS[self.ok if self.ok in (True, False) else None]
        # "Not answered yet — pick an option" must not read "Not answered yet — Not answered..."
        if re.match(re.escape(label) + r"\s*([\u2014:.,-]|$)", message, re.IGNORECASE):
            rest = message[len(label) :].lstrip(" \u2014-:.,")
            return f"{self.marker} \u2014 {rest}" if rest else self.marker
        return f"{self.marker} \u2014 {message}" if message else self.marker

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # IPython's text/plain
        p.text(self.text)

    def _repr_html_(self) -> str:
        """A short, deterministic HTML block; every character of the message is escaped."""
        key = self.ok if self.ok in (True, False) else None
        marker, _, rest = self.text.partition(" \u2014 ")
        body = _CODE.sub(r"<code>\1</code>", html.escape(rest)) if rest else ""
        state = {True: "correct", False: "not-yet", None: "not-answered"}[key]
        return (
            f'<div class="csto-feedback csto-feedback-{state}" role="status" '
            f'style="border-left: 4px solid {_COLOURS[key]}; padding: 0.3em 0.8em; '
            f'margin: 0.3em 0;"><strong>{html.escape(marker)}</strong>'
            + (f" \u2014 {body}" if body else "")
            + "</div>"
        )


def error_feedback(exc: BaseException) -> Feedback:
    """The polite message shown when a check or widget fails on an unexpected value."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(detail) > 160:
        detail = detail[:159] + "\u2026"
    return Feedback(
        False,
        f"something went wrong while checking your answer ({detail}). "
        "Try giving the answer in the form the question asks for; if this message stays, "
        "restart the kernel, run all cells from the top, and tell your instructor.",
    )


def show(value: Any, limit: int = 60) -> str:
    """A short, one-line description of a value for a message (not escaped: Feedback does)."""
    if isinstance(value, np.str_ | np.bool_):  # 'x' and True, not np.str_('x') and np.True_
        value = value.item()
    if isinstance(value, pd.DataFrame):
        cols = ", ".join(repr(c) for c in list(value.columns)[:6])
        more = ", …" if value.shape[1] > 6 else ""
        n = len(value)
        return f"a table (DataFrame) of {n} {pluralize(n, 'rows')} with columns {cols}{more}"
    if isinstance(value, pd.Series):
        n = len(value)
        where = f" {index_phrase(value.index)}" if n else ""
        return f"a pandas Series of {n} {pluralize(n, 'values')}{where}"
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    ):
        return format_number(value)
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    if not isinstance(value, str):  # a long run of digits, e.g. in [10**30], made readable
        text = re.sub(r"(?<![\w.])\d{16,}(?![\w.])", lambda m: format_number(int(m[0])), text)
    text = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    if type(value) in (list, tuple, set, frozenset, dict):  # say what it is: "the list [5]"
        return f"the {type(value).__name__} {text}"
    return text


def index_phrase(index: pd.Index, limit: int = 3) -> str:
    """How a Series is labelled: "numbered 4, 5" or "indexed by 'Russia', 'Belarus', …"."""
    labels = list(index[:limit])
    more = ", \u2026" if len(index) > limit else ""
    if all(isinstance(x, int | np.integer) and not isinstance(x, bool) for x in labels):
        return "numbered " + ", ".join(str(int(x)) for x in labels) + more
    return "indexed by " + ", ".join(show(x, 30) for x in labels) + more


def type_phrase(value: Any) -> str:
    """The kind of a value with its article: "an int", "a dict", "a text"."""
    if value is None:
        return "None"
    words = {
        bool: "a True/False value",
        int: "an int",
        float: "a float",
        str: "a text",
        dict: "a dict",
        list: "a list",
        tuple: "a tuple",
        set: "a set",
        pd.DataFrame: "a DataFrame",
        pd.Series: "a pandas Series",
        np.ndarray: "a numpy array",
    }
    for kind, phrase in words.items():
        if type(value) is kind:
            return phrase
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _with_type(value: Any) -> str:
    """``show(value)`` with its kind: "3.5 (a float)", "the list [5]", "a pandas Series …"."""
    shown = show(value)
    if shown.startswith(("the ", "a ", "an ")):
        return shown
    return f"{shown} ({type_phrase(value)})"


def format_number(x: float, digits: int = 4) -> str:
    """``3920`` → ``"3,920"``; ``0.123456`` → ``"0.1235"``; ``1e308`` → ``"1 × 10^308"``.

    Deterministic and short at any size: from a million billion (10^15) up, and for tiny
    numbers, a number is written with three significant digits and a power of ten.
    """
    if isinstance(x, bool) or not isinstance(x, int | float | np.integer | np.floating):
        return show(x)
    if isinstance(x, int | np.integer) and abs(int(x)) < 10**15:
        return f"{int(x):,}"
    if isinstance(x, int | np.integer):  # too large for a float to hold exactly
        mantissa, _, exponent = f"{Decimal(int(x)):.2e}".partition("e")
        return _power_of_ten(mantissa, int(exponent))
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x != 0 and (abs(x) >= 1e15 or abs(x) < 10.0 ** -digits):
        mantissa, _, exponent = f"{x:.2e}".partition("e")
        return _power_of_ten(mantissa, int(exponent))
    if x == int(x):
        return f"{int(x):,}"
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0", "0") else f"{x:.{digits}g}"


def _power_of_ten(mantissa: str, exponent: int) -> str:
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa} \u00d7 10^{exponent}"


def _sentence(text: str) -> str:
    """``text`` ending with one full stop (none added after "?", "!" or ".")."""
    text = str(text).strip()
    return text if not text or text[-1] in ".!?\u2026" else text + "."


#: A noun for counted things: its plural (``"members"``: the singular drops the final "s")
#: or ``(singular, plural)`` for the nouns that rule gets wrong (``("country", "countries")``).
Noun = str | tuple[str, str]


def pluralize(count: Any, noun: Noun) -> str:
    """The form of ``noun`` that goes with ``count``: ``pluralize(1, "members")`` → "member".

    ``noun`` is the plural, or a ``(singular, plural)`` pair. Given only the plural, the
    singular is derived naively: "-ies" → "-y" ("countries"), "-sses", "-shes", "-xes" lose
    "es", any other final "s" is dropped ("members"), and a noun ending in "ss" is left
    alone; nouns these rules get wrong ("series", "analyses") need the pair. Only exactly 1
    takes the singular ("0 members", "1 member", "2 members", "1.5 members").
    """
    if isinstance(noun, tuple | list) and len(noun) == 2:
        singular, plural = (str(n) for n in noun)
    else:
        plural = str(noun)
        if plural.endswith("ies") and len(plural) > 4:
            singular = plural[:-3] + "y"
        elif plural.endswith(("sses", "shes", "xes")):
            singular = plural[:-2]
        elif plural.endswith("s") and not plural.endswith("ss"):
            singular = plural[:-1]
        else:
            singular = plural
    one = isinstance(count, int | float | np.integer | np.floating) and count == 1
    return singular if one else plural
