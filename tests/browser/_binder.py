"""The student environment as Binder builds it from ``binder/``, in a cached virtual environment.

repo2docker installs ``binder/requirements.txt`` into the runtime's Python, then runs
``binder/postBuild`` in its clone of the repository. :func:`binder_python` does the same in a
virtual environment under a cache folder named by a hash of ``binder/`` and the Python version,
so a rerun only repeats ``postBuild`` (a few seconds), which it runs in a copy of the
repository (:func:`copy_repository`) since it edits the notebooks' metadata. The cache is
``$CSTO_BINDER_CACHE`` or ``~/.cache/csto-course``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ._support import ROOT, JupyterLab

BINDER = ROOT / "binder"
DONE = ".binder-env-complete"


def runtime_version() -> str:
    """The Python version ``binder/runtime.txt`` asks for (``3.11``)."""
    return (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")


def env_dir() -> Path:
    """Where the environment for the current ``binder/`` and Python is cached."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "runtime.txt"):
        digest.update((BINDER / name).read_bytes())
    digest.update(f"{sys.version_info.major}.{sys.version_info.minor}".encode())
    cache = Path(os.environ.get("CSTO_BINDER_CACHE") or Path.home() / ".cache" / "csto-course")
    return cache / f"binder-env-{digest.hexdigest()[:16]}"


def _run(command: list[str], **kwargs: object) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=1200, **kwargs)
    if done.returncode != 0:
        output = done.stdout[-3000:] + done.stderr[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed:\n{output}")


def copy_repository(dest: Path) -> Path:
    """A copy of the repository as Binder clones it (without git, builds and caches)."""
    ignore = shutil.ignore_patterns(".git", "_build", ".ci", "artifacts", ".venv", "venv",
                                    "__pycache__", ".ipynb_checkpoints", ".hypothesis",
                                    "*.egg-info", ".ruff_cache", ".pytest_cache")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def binder_python(repo: Path) -> Path:
    """The Python of the Binder environment: built (or reused), then ``postBuild`` run in it
    with ``repo`` (a copy of the repository) as the working folder."""
    env = env_dir()
    python = env / "bin" / "python"
    if not (env / DONE).is_file():
        shutil.rmtree(env, ignore_errors=True)
        env.parent.mkdir(parents=True, exist_ok=True)
        _run([sys.executable, "-m", "venv", str(env)])
        _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              "-r", str(BINDER / "requirements.txt")])
        (env / DONE).write_text("complete\n")
    path = f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    environ = {**os.environ, "PATH": path, "VIRTUAL_ENV": str(env)}
    environ.pop("PYTHONPATH", None)  # the package must come from the environment, not src/
    _run(["bash", str(repo / "binder" / "postBuild")], cwd=repo, env=environ)
    return python


class BinderLab(JupyterLab):
    """A JupyterLab served by the Binder environment's Python (its kernels run there too)."""

    def __init__(self, python: Path, root_dir: Path, work_dir: Path) -> None:
        super().__init__(root_dir, work_dir, startup_timeout=120)
        self.python = python

    def _env(self) -> dict[str, str]:
        env = super()._env()
        env.pop("PYTHONPATH", None)
        env.pop("VIRTUAL_ENV", None)
        env["PATH"] = f"{self.python.parent}{os.pathsep}{env.get('PATH', '')}"
        return env

    def _command(self) -> list[str]:
        return [str(self.python), *super()._command()[1:]]
