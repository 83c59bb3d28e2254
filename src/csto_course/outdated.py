"""Say in one line what to run when a notebook is newer than the installed course package.

A notebook updated by ``git pull`` or nbgitpuller may call a check or widget that the installed
``csto_course`` does not have yet. Instead of ``AttributeError: module ... has no attribute``,
every public module ends with ``__getattr__ = outdated.module_getattr(__name__)`` (PEP 562), so
that a missing public name raises :class:`OutdatedPackageError` with the command to run.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from csto_course import __version__

#: What a student runs in a notebook cell (the notebooks sit one folder below the repository).
UPDATE_COMMAND = "%pip install -e .."


class OutdatedPackageError(ImportError):
    """A notebook asked for something the installed course package does not have.

    An ImportError, so that ``from csto_course.x import name`` shows this message too (Python
    replaces an AttributeError raised there by its own "cannot import name").
    """

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the one line is all a student needs.
        return [f"{type(self).__name__}: {self}"]


_TODO = (f"run `{UPDATE_COMMAND}` in a cell, then restart the kernel (Kernel > Restart Kernel) "
         "and run the notebook again.")


def advice(what: str) -> str:
    """The one-line message for a missing ``what`` (e.g. ``csto_course.checks.lesson4.f``)."""
    return (f"{what} is not in the installed course package (csto_course {__version__}), which "
            f"is older than this notebook: {_TODO}")


def _version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")[:3] if p.isdigit()]
    return tuple(parts + [0] * (3 - len(parts)))


def module_getattr(module: str) -> Callable[[str], object]:
    """A module-level ``__getattr__`` for ``module`` that explains a missing public name.

    A package's submodule that exists is imported (``csto_course.data`` after
    ``import csto_course``) rather than reported missing.
    """

    def __getattr__(name: str) -> object:
        if name.startswith("_"):  # dunders and private names: what introspection expects
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        try:
            found = importlib.util.find_spec(f"{module}.{name}") is not None
        except ImportError:  # ``module`` is not a package
            found = False
        if found:
            return importlib.import_module(f"{module}.{name}")
        raise OutdatedPackageError(advice(f"{module}.{name}"), name=module)

    return __getattr__


def require(minimum: str) -> None:
    """Raise :class:`OutdatedPackageError` unless the package is at least ``minimum``.

    A notebook may state the version it needs: ``csto_course.outdated.require("0.2")``.
    """
    if _version(__version__) < _version(minimum):
        raise OutdatedPackageError(f"This notebook needs csto_course {minimum} or newer and the "
                                   f"installed one is {__version__}: {_TODO}")
