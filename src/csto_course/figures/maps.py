"""Maps drawn from the ``outlines`` table: country outlines and labelled places, no tiles.

The outlines are Natural Earth's (see the ``outlines`` table); places come from the ``places``
table. The map uses plain longitude and latitude, with the horizontal scale shrunk by the
cosine of the middle latitude so that shapes are not stretched east-west.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from csto_course import style

__all__ = [
    "COUNTRY_LABELS",
    "EARTH_RADIUS_KM",
    "distance_km",
    "LABEL_OFFSETS",
    "map_extent",
    "outline_rings",
    "places_to_plot",
    "plot_places_map",
]

#: Where to write each country's name (lon, lat): inside the part of the country that the
#: map shows. Countries not listed are labelled at the mean of their visible outline.
COUNTRY_LABELS: dict[str, tuple[float, float]] = {
    "Kazakhstan": (66.5, 48.0),
    "Russia": (62.0, 56.3),
    "China": (86.0, 42.5),
    "Mongolia": (92.0, 48.5),
    "Kyrgyzstan": (75.6, 41.2),
    "Uzbekistan": (62.0, 41.3),
    "Turkmenistan": (58.5, 39.2),
    "Tajikistan": (70.8, 39.2),
    "Afghanistan": (66.0, 35.6),
    "Iran": (55.0, 35.0),
    "Azerbaijan": (47.8, 40.3),
}

#: Offsets of place labels from their marker, in points (dx, dy), by place name, chosen so
#: that the labels of nearby places do not overlap. Unlisted places get (6, 4).
LABEL_OFFSETS: dict[str, tuple[float, float]] = {
    "Aktau": (-8, 4),
    "Zhanaozen": (6, -12),
    "Almaty": (6, -10),
    "Taldykorgan": (6, 4),
    "Shymkent": (-8, -12),
    "Aktobe": (6, 4),
    "Nur-Sultan": (8, 4),
    "Baikonur": (6, -12),
}

#: Marker for each kind of place (the capital gets a star whatever its kind).
_MARKERS = {"city": "o", "town": "s", "site": "^"}


#: Mean radius of the Earth used for great-circle distances.
EARTH_RADIUS_KM = 6371.0


def distance_km(places: pd.DataFrame, a: str, b: str) -> int:
    """The great-circle distance in km between two places of the ``places`` table (by
    ``place_id``), from their coordinates (haversine formula, spherical Earth), rounded to
    whole km. It is "as the crow flies", not by road."""
    points = places.set_index("place_id")
    lat1, lon1 = (math.radians(float(points.loc[a, c])) for c in ("lat", "lon"))
    lat2, lon2 = (math.radians(float(points.loc[b, c])) for c in ("lat", "lon"))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return int(round(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))))


def outline_rings(outlines: pd.DataFrame) -> dict[tuple[str, int], np.ndarray]:
    """Each ring of the ``outlines`` table as an (n, 2) array of lon, lat, in point order."""
    needed = {"country", "ring", "point", "lon", "lat"}
    missing = needed - set(outlines.columns)
    if missing:
        raise ValueError(f"outlines needs the columns {sorted(missing)}")
    rings: dict[tuple[str, int], np.ndarray] = {}
    ordered = outlines.sort_values(["country", "ring", "point"], kind="stable")
    for (country, ring), part in ordered.groupby(["country", "ring"], sort=True):
        rings[(str(country), int(ring))] = part[["lon", "lat"]].to_numpy(dtype=float)
    return rings


def map_extent(
    outlines: pd.DataFrame, country: str = "Kazakhstan", margin: float = 2.0
) -> tuple[float, float, float, float]:
    """The box (lon_min, lon_max, lat_min, lat_max) around ``country`` plus a margin in degrees."""
    part = outlines.loc[outlines["country"] == country]
    if part.empty:
        raise ValueError(f"no outline for {country!r}")
    return (
        float(part["lon"].min()) - margin,
        float(part["lon"].max()) + margin,
        float(part["lat"].min()) - margin,
        float(part["lat"].max()) + margin,
    )


def places_to_plot(places: pd.DataFrame, place_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The places a map shows: those with coordinates (not whole countries), optionally only
    ``place_ids``; sorted by name. Columns: place_id, name, kind, lat, lon."""
    shown = places.loc[places["lat"].notna() & places["lon"].notna()]
    if "kind" in shown.columns:
        shown = shown.loc[shown["kind"].astype("string") != "country"]
    if place_ids is not None:
        wanted = {str(p) for p in place_ids if not pd.isna(p)}
        shown = shown.loc[shown["place_id"].astype("string").isin(wanted)]
    columns = [c for c in ("place_id", "name", "kind", "lat", "lon") if c in shown.columns]
    return shown[columns].sort_values("name", kind="stable").reset_index(drop=True)


def plot_places_map(
    outlines: pd.DataFrame,
    places: pd.DataFrame,
    *,
    capital: str = "Nur-Sultan",
    highlight: str = "Kazakhstan",
    title: str = "Places named in the lesson",
    label_offsets: Mapping[str, tuple[float, float]] | None = None,
    margin: float = 2.0,
) -> Figure:
    """Outline ``highlight`` and its neighbours, mark and label each place of ``places``.

    ``places`` is the ``places`` table or a selection of it (see :func:`places_to_plot`).
    The place named ``capital`` gets a star and "(capital)" after its name; other places get a
    marker by kind (city ●, town ■, site ▲). Neighbours are drawn in light grey, ``highlight``
    in a pale colour with a dark border, every country labelled by name.
    """
    offsets = {**LABEL_OFFSETS, **(label_offsets or {})}
    rings = outline_rings(outlines)
    lon0, lon1, lat0, lat1 = map_extent(outlines, highlight, margin)

    fig, ax = plt.subplots(figsize=(9, 6), layout="constrained")
    ax.set_facecolor("#eef5fb")  # water and off-map areas: a very pale blue
    for (country, _), xy in rings.items():
        home = country == highlight
        ax.add_patch(
            Polygon(
                xy,
                closed=True,
                facecolor="#fdf3dc" if home else "#e6e6e6",
                edgecolor="#333333" if home else "#8c8c8c",
                linewidth=1.4 if home else 0.7,
                zorder=2 if home else 1,
            )
        )
    for country in sorted({c for c, _ in rings}):
        if country in COUNTRY_LABELS:
            x, y = COUNTRY_LABELS[country]
        else:
            part = outlines.loc[outlines["country"] == country]
            inside = part.loc[part["lon"].between(lon0, lon1) & part["lat"].between(lat0, lat1)]
            if inside.empty:
                continue
            x, y = float(inside["lon"].mean()), float(inside["lat"].mean())
        if not (lon0 <= x <= lon1 and lat0 <= y <= lat1):
            continue
        home = country == highlight
        ax.text(
            x,
            y,
            country.upper() if home else country,
            ha="center",
            va="center",
            fontsize=13 if home else 9.5,
            color="#5a4a2a" if home else "#555555",
            fontstyle="normal" if home else "italic",
            alpha=0.9,
            zorder=3,
        )

    shown = places_to_plot(places)
    used_kinds: list[str] = []
    for row in shown.itertuples(index=False):
        name = str(row.name)
        kind = str(getattr(row, "kind", "city"))
        is_capital = name == capital
        marker = "*" if is_capital else _MARKERS.get(kind, "o")
        ax.plot(
            row.lon,
            row.lat,
            marker=marker,
            markersize=16 if is_capital else 8,
            color=style.PALETTE["vermillion"] if is_capital else style.PALETTE["blue"],
            markeredgecolor="black",
            markeredgewidth=0.8,
            linestyle="none",
            zorder=5,
        )
        if not is_capital and kind not in used_kinds:
            used_kinds.append(kind)
        dx, dy = offsets.get(name, (6, 4))
        ax.annotate(
            f"{name} (capital)" if is_capital else name,
            (row.lon, row.lat),
            xytext=(dx, dy),
            textcoords="offset points",
            ha="right" if dx < 0 else "left",
            va="center",
            fontsize=10.5,
            fontweight="bold" if is_capital else "normal",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            zorder=6,
        )

    handles = []
    if (shown["name"] == capital).any():
        handles.append(
            plt.Line2D(
                [],
                [],
                marker="*",
                markersize=14,
                linestyle="none",
                color=style.PALETTE["vermillion"],
                markeredgecolor="black",
                label="capital",
            )
        )
    for kind in used_kinds:
        handles.append(
            plt.Line2D(
                [],
                [],
                marker=_MARKERS.get(kind, "o"),
                markersize=8,
                linestyle="none",
                color=style.PALETTE["blue"],
                markeredgecolor="black",
                label=kind,
            )
        )
    if handles:
        ax.legend(handles=handles, loc="upper right", title="Places", framealpha=0.9)

    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))
    ax.set_xlabel("Longitude (degrees east)")
    ax.set_ylabel("Latitude (degrees north)")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(True)
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
