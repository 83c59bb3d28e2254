"""Colours and figure defaults shared by every figure of the course.

The palette is Okabe & Ito's, which readers with the common forms of colour-blindness
can tell apart. Figures also vary markers or hatching so that no meaning rests on colour alone.
"""

from __future__ import annotations

import matplotlib as mpl

#: Okabe-Ito colours, in the order figures use them.
PALETTE: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

#: The colours as a list, for a colour cycle.
CYCLE: list[str] = [
    PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "black")
]


def apply() -> None:
    """Set matplotlib defaults: the palette, readable font sizes, no chart junk."""
    mpl.rcParams.update(
        {
            "axes.prop_cycle": mpl.cycler(color=CYCLE),
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.labelsize": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.figsize": (8, 4.5),
        }
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
