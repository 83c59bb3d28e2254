"""Tidy the outputs of a notebook before it is saved with them (used by ``csto-course execute``).

Two things make a lesson page heavy on the course site, and neither helps a reader there:

- **Widget views.** A widget's live view needs its saved state and a 900 KB widget manager in
  the page, yet on the site it cannot answer (there is no kernel). The course's widgets also
  display a still HTML copy of themselves (:mod:`csto_course.widgets.still_copy`); saved
  notebooks keep that copy and drop the live view, so the site shows the copy and loads no
  widget script, and JupyterLab shows the live widget as soon as the cell runs again.
- **Figures as full-colour PNGs.** Matplotlib saves 32-bit RGBA PNGs, though a course figure
  uses a few hundred colours. A 256-colour palette PNG of the same pixels is about 60 % smaller;
  it is kept only when it is smaller and matches the original closely (PSNR at least
  :data:`MIN_PSNR` dB, which no eye tells apart).

Needs Pillow and NumPy, which matplotlib and pandas bring.
"""

from __future__ import annotations

import base64
import io
from typing import Any

__all__ = ["MIN_PSNR", "WIDGET_VIEW", "compact_png", "stale_figures", "tidy_notebook"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The lowest peak signal-to-noise ratio (dB) at which a palette PNG replaces the original.
MIN_PSNR = 45.0


def compact_png(data: bytes) -> bytes:
    """``data`` as a 256-colour palette PNG if that is smaller and faithful, else unchanged.

    A palette PNG is returned as it is, so running this twice changes nothing.
    """
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.mode == "P":
            return data
        rgba = image.convert("RGBA")
    opaque = rgba.getextrema()[3][0] == 255
    original = rgba.convert("RGB") if opaque else rgba
    method = Image.Quantize.MEDIANCUT if opaque else Image.Quantize.FASTOCTREE
    palette = original.quantize(colors=256, method=method, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    smaller = out.getvalue()
    before = np.asarray(original, dtype=np.float64)
    after = np.asarray(palette.convert(original.mode), dtype=np.float64)
    mse = float(((before - after) ** 2).mean())
    psnr = float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)
    return smaller if len(smaller) < len(data) and psnr >= MIN_PSNR else data


def tidy_output(output: dict[str, Any]) -> None:
    """Drop a widget view that has a still copy beside it, and compact a PNG, in place."""
    data = output.get("data")
    if not isinstance(data, dict):
        return
    if WIDGET_VIEW in data and "text/html" in data:
        del data[WIDGET_VIEW]
    png = data.get("image/png")
    if isinstance(png, str):
        raw = base64.b64decode(png)
        smaller = compact_png(raw)
        if smaller is not raw:
            data["image/png"] = base64.b64encode(smaller).decode("ascii")


def tidy_notebook(nb: Any) -> None:
    """Tidy every output of ``nb`` (a notebook node or dict); drop widget state and timings.

    The kernel is named as JupyterLab names it, so that the notebook does not open as modified.
    """
    from csto_course.exercisegen import KERNELSPEC

    nb["metadata"].pop("widgets", None)
    nb["metadata"]["kernelspec"] = dict(KERNELSPEC)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            tidy_output(output)


def _pngs(outputs: list[Any]) -> list[bytes]:
    """The PNG figures among a cell's outputs, in order, as bytes."""
    found = []
    for output in outputs:
        png = (output.get("data") or {}).get("image/png")
        if png:
            found.append(base64.b64decode(png if isinstance(png, str) else "".join(png)))
    return found


def stale_figures(saved: list[Any], fresh: list[Any]) -> list[str]:
    """How the figures a fresh run of a cell draws differ from those saved in the notebook.

    Each fresh PNG goes through :func:`compact_png`, as ``csto-course execute`` would save it,
    and must then have exactly the saved pixels (the course's figures are deterministic on one
    matplotlib version). Returns one sentence per difference; an empty list when they match.
    """
    import numpy as np
    from PIL import Image

    old, new = _pngs(saved), _pngs(fresh)
    if len(old) != len(new):
        return [f"the cell now draws {len(new)} figure(s); {len(old)} are saved"]
    problems = []
    for number, (a, b) in enumerate(zip(old, new, strict=True), start=1):
        b = compact_png(b)
        if a == b:
            continue
        with Image.open(io.BytesIO(a)) as image_a, Image.open(io.BytesIO(b)) as image_b:
            if image_a.size != image_b.size:
                problems.append(
                    f"figure {number} is now {image_b.size[0]}x{image_b.size[1]} pixels, "
                    f"saved {image_a.size[0]}x{image_a.size[1]}"
                )
                continue
            pixels_a = np.asarray(image_a.convert("RGBA"))
            pixels_b = np.asarray(image_b.convert("RGBA"))
        changed = int((pixels_a != pixels_b).any(axis=-1).sum())
        if changed:
            share = 100 * changed / (pixels_a.shape[0] * pixels_a.shape[1])
            problems.append(f"figure {number} differs in {changed} pixels ({share:.2f} %)")
    return problems
