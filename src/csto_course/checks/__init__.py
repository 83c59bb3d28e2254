"""Answer checks for the exercise notebooks.

``core`` holds the machinery (``Feedback``, ``@check``, coercions); ``lesson1`` … ``lesson7``
hold the checks of each exercise notebook (``from csto_course.checks import lesson1``).
"""

from csto_course.checks import core
from csto_course.checks.core import *  # noqa: F403  (the public API is core's)

__all__ = core.__all__


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
