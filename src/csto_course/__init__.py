"""The course package: the shared dataset, figures, widgets and answer checks."""

__version__ = "0.2.0"


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
