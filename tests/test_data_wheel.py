"""The data travel with the package: a wheel installed in a fresh environment loads every table.

Builds a wheel of the repository (``pip wheel --no-deps``; the hatchling backend force-includes
``data/`` as ``csto_course/_data``), installs it into a new virtual environment that sees this
environment's site-packages (for pandas, without network) and loads every table from a
directory outside the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Takes about 13-17 s (building the wheel is most of it), under the 20 s threshold for the
# "slow" mark, so it runs with the rest of the suite.


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    run = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, f"{' '.join(cmd)}\n{run.stdout}\n{run.stderr}"
    return run.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
         cwd=out)
    wheels = list(out.glob("csto_course-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_the_data(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "csto_course/_data/datapackage.json" in names
    pkg = json.loads(zipfile.ZipFile(wheel).read("csto_course/_data/datapackage.json"))
    for res in pkg["resources"]:
        assert f"csto_course/_data/{res['path']}" in names
    assert "csto_course/data.py" in names


def test_installed_wheel_loads_every_table(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # A venv with system_site_packages sees the *base* interpreter's packages; add this
    # environment's site-packages too, so pandas is there without any download.
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                cwd=tmp_path).strip()
    here = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    Path(site, "_outer_env.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    # Install with this environment's pip into the new environment (it has no pip of its own).
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
          "--target", site, str(wheel)], cwd=tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    script = textwrap.dedent("""
        import csto_course
        from csto_course import data
        assert "_data" in str(data.data_dir()), data.data_dir()
        assert "site-packages" in csto_course.__file__ or "venv" in csto_course.__file__
        names = data.list_tables()
        sizes = {n: len(data.load(n)) for n in names}
        assert all(sizes.values()), sizes
        print(len(names), sizes["sources"], data.cite("reuters-2022-01-11-detained"))
    """)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CSTO_COURSE_DATA"}}
    env["PYTHONNOUSERSITE"] = "1"
    # The editable install of this environment must not shadow the wheel: put the wheel's copy
    # first on the path.
    env["PYTHONPATH"] = site
    out = _run([str(python), "-c", script], cwd=outside, env=env)
    count, _, cite = out.strip().split(" ", 2)
    assert int(count) >= 18
    assert cite == "Reuters, 11 January 2022"
