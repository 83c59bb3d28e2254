"""Reading the repository's own configuration files, for the tests."""

from __future__ import annotations

from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def toc_files(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every file a Jupyter Book table of contents lists, its root first."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict] | None) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    return files


def exact_pins(path: Path) -> dict[str, Version]:
    """A requirements or constraints file's pins; every line must be one exact pin."""
    pins: dict[str, Version] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{path.name}: not exact: {line}"
        name = canonicalize_name(req.name)
        assert name not in pins, f"{path.name} pins {req.name} twice"
        pins[name] = Version(specs[0].version)
    return pins
