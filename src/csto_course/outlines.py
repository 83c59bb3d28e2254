"""Convert Natural Earth country outlines (TopoJSON from world-atlas 2.0.2) to ``outlines.csv``.

This is a maintenance tool, run once; its output ``data/outlines.csv`` is committed so that no
figure ever downloads map data. To regenerate::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m csto_course.outlines path/to/countries-50m.json data/outlines.csv

World-atlas 2.0.2 redistributes Natural Earth 4.1.0 "Admin 0 - Countries" (public domain),
quantized and delta-encoded as TopoJSON. Kazakhstan is kept whole; the neighbours are clipped
to a box around it (Sutherland-Hodgman clipping) so the file stays small.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]

#: ISO 3166-1 numeric code -> English name, as in the TopoJSON ``properties.name``.
COUNTRIES: dict[str, str] = {
    "398": "Kazakhstan",
    "643": "Russia",
    "156": "China",
    "417": "Kyrgyzstan",
    "860": "Uzbekistan",
    "795": "Turkmenistan",
    "762": "Tajikistan",
    "496": "Mongolia",
    "004": "Afghanistan",
    "364": "Iran",
    "031": "Azerbaijan",
}

#: Rings must intersect this window (lon_min, lat_min, lon_max, lat_max) to be kept ...
WINDOW = (40.0, 33.0, 95.0, 60.0)
#: ... and neighbours are clipped to this slightly larger box.
CLIP_BOX = (36.0, 30.0, 99.0, 62.0)
#: Decimal places kept for lon/lat (4 places is about 10 m).
DECIMALS = 4
#: The TopoJSON id of the country that is never clipped.
KEEP_WHOLE = "398"


def decode_arcs(topology: dict) -> list[Ring]:
    """Decode the quantized, delta-encoded arcs of a TopoJSON topology to lon/lat lists."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: Sequence[int], arcs: Sequence[Ring]) -> Ring:
    """Stitch arcs into one closed ring (a negative index ``~i`` means arc ``i`` reversed)."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons(geometry: dict, arcs: Sequence[Ring]) -> list[list[Ring]]:
    """The polygons (each a list of rings, outer ring first) of a TopoJSON geometry."""
    if geometry["type"] == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def intersects(ring: Ring, box: tuple[float, float, float, float]) -> bool:
    """Whether the bounding box of ``ring`` overlaps ``box``."""
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    x0, y0, x1, y1 = box
    return min(lons) <= x1 and max(lons) >= x0 and min(lats) <= y1 and max(lats) >= y0


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Clip a ring to a rectangle (Sutherland-Hodgman); returns the clipped ring, maybe empty."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        out: Ring = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    if len(points) < 3:
        return []
    return points + [points[0]]


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def dedupe(ring: Ring, decimals: int = DECIMALS) -> Ring:
    """Round coordinates and drop consecutive duplicates (keeps the ring closed)."""
    out: Ring = []
    for lon, lat in ring:
        p = (round(lon, decimals), round(lat, decimals))
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def ring_area(ring: Ring) -> float:
    """Signed planar area of a ring in square degrees (shoelace formula)."""
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def centroid(ring: Ring) -> Point:
    """Planar area centroid (lon, lat) of a closed ring."""
    a = ring_area(ring)
    cx = cy = 0.0
    for p, q in zip(ring, ring[1:], strict=False):
        f = p[0] * q[1] - q[0] * p[1]
        cx += (p[0] + q[0]) * f
        cy += (p[1] + q[1]) * f
    return (cx / (6 * a), cy / (6 * a))


def label_point(topology: dict, country_id: str) -> Point:
    """Area centroid of the largest outer ring of a country (a label point for maps)."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == country_id:
            outers = [poly[0] for poly in polygons(geometry, arcs)]
            ring = max(outers, key=lambda r: abs(ring_area(_unwrap(r))))
            lon, lat = centroid(_unwrap(ring))
            return (lon - 360 if lon > 180 else lon, lat)
    raise KeyError(country_id)


def _unwrap(ring: Ring) -> Ring:
    """Shift western longitudes by 360 degrees when a ring spans the antimeridian (Russia)."""
    lons = [p[0] for p in ring]
    if max(lons) - min(lons) <= 180:
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def outline_rows(topology: dict, countries: dict[str, str] = COUNTRIES) -> Iterable[dict]:
    """Rows ``country, ring, point, lon, lat`` for the countries, windowed and clipped."""
    arcs = decode_arcs(topology)
    by_id = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    for country_id, name in countries.items():
        ring_no = 0
        for poly in polygons(by_id[country_id], arcs):
            for ring in poly:
                if not intersects(ring, WINDOW):
                    continue
                if country_id != KEEP_WHOLE:
                    ring = clip(ring, CLIP_BOX)
                ring = dedupe(ring)
                if len(ring) < 4:
                    continue
                for point_no, (lon, lat) in enumerate(ring):
                    yield {"country": name, "ring": ring_no, "point": point_no,
                           "lon": lon, "lat": lat, "source_id": "natural-earth-50m"}
                ring_no += 1


def convert(topojson_path: str | Path, csv_path: str | Path) -> int:
    """Write ``outlines.csv`` from ``countries-50m.json``; returns the number of rows."""
    topology = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    rows = list(outline_rows(topology))
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m csto_course.outlines countries-50m.json outlines.csv``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(__doc__)
        return 2
    n = convert(args[0], args[1])
    print(f"wrote {n} rows to {args[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
