"""What the benchmarks share: statistics, the machine's description, paths, progress output."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def log(message: str) -> None:
    """Progress on stderr, so that a long run shows where it is."""
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, min, max, 95th percentile and count of a list of measurements."""
    values = [float(v) for v in values]
    if not values:
        return {"n": 0, "median": float("nan"), "min": float("nan"), "max": float("nan"),
                "p95": float("nan")}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "p95": percentile(values, 95),
    }


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _run(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return "not found"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else ""


def machine() -> dict[str, object]:
    """The machine and the versions the figures were measured with."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    lighthouse = BENCH / "node_modules" / "lighthouse" / "package.json"
    lh_version = "not installed (npm ci --prefix benchmarks)"
    if lighthouse.is_file():
        import json

        lh_version = json.loads(lighthouse.read_text())["version"]
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "packages": {
            name: _version(name)
            for name in (
                "csto-course",
                "pandas",
                "numpy",
                "matplotlib",
                "ipywidgets",
                "ipykernel",
                "nbclient",
                "jupyter-book",
                "sphinx",
                "sphinx-book-theme",
                "pydata-sphinx-theme",
                "myst-nb",
                "playwright",
            )
        },
        "chromium": _run([CHROMIUM, "--version"]),
        "node": _run(["node", "--version"]),
        "lighthouse": lh_version,
    }
