"""What a test does when something it needs is missing: say so loudly.

Locally the test is skipped with a message that starts ``MISSING``; under CI (``CI=true``),
where everything must be there, it fails instead.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import NoReturn

import pytest


def missing(message: str) -> NoReturn:
    """Skip (locally) or fail (under CI) with ``MISSING <message>``."""
    text = f"MISSING {message}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(text)
    pytest.skip(text)


def require_module(name: str, why: str = "pip install -e '.[test]'") -> ModuleType:
    """Import ``name``, or report it missing (see :func:`missing`)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the module {name} ({why})")
