"""Nothing tracked names a folder of the machine it was written on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from _missing import missing

ROOT = Path(__file__).resolve().parents[1]
#: A path that starts in work, root, home, tmp or Users at the top of a file system (not inside
#: a URL or a word).
ABSOLUTE = re.compile(
    r"(?<![\w.:/-])/(?:" + "|".join(["work", "root", "home", "tmp", "Users"]) + r")/"
)
#: The home folder of the Jupyter Docker images (a JupyterHub's single-user server): a path
#: inside that image, not on the machine a file was written on.
JOVYAN = "/" + "home/jovyan/"


def _tracked() -> list[Path]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        missing("git or a git checkout: cannot list the tracked files")
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [ROOT / name for name in out.split("\0") if name]


def test_pattern_finds_absolute_paths_and_spares_urls():
    assert ABSOLUTE.search("read " + "/wo" + "rk/shared/sources")
    assert ABSOLUTE.search('"html": "' + "/tm" + 'p/x"')
    assert not ABSOLUTE.search("https://example.org/home/page")
    assert not ABSOLUTE.search("../shared/sources and ./tmp/x")


def test_no_tracked_file_names_an_absolute_path_of_a_machine():
    found = []
    for path in _tracked():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        for number, line in enumerate(text.splitlines(), start=1):
            if ABSOLUTE.search(line.replace(JOVYAN, "")):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "absolute paths of a machine:\n" + "\n".join(found[:20])
