"""List the installed packages whose versions differ from constraints.txt (Markdown table).

Run by .github/workflows/unpinned.yml after an unpinned install: the table says what a new
release would change. Always exits 0; the tests that follow say whether anything broke.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def main() -> None:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_name(name)] = version.strip()
    installed = {_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop("csto-course", None)
    rows = [
        (name, pins.get(name, "(not pinned)"), installed.get(name, "(not installed)"))
        for name in sorted(set(pins) | set(installed))
        # pip freeze leaves out pip, setuptools and wheel; a pin of a package that is not
        # installed (nbgitpuller, for Binder only) changes no test
        if name in installed
        and pins.get(name) != installed[name]
        and name not in ("pip", "setuptools", "wheel")
    ]
    out = ["## Packages that differ from constraints.txt", ""]
    if not rows:
        out.append("None: the unpinned install matches the pins.")
    else:
        out += ["| package | pinned | installed now |", "|---|---|---|"]
        out += [f"| {name} | {pinned} | {now} |" for name, pinned, now in rows]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
