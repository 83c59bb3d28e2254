"""The course package: the shared dataset, figures, widgets and answer checks."""

__version__ = "0.2.0"


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)

# Inside an IPython kernel (JupyterLab, `csto-course execute`, nbval), show DataFrames as valid,
# accessible HTML tables (csto_course/tables.py). Outside IPython this does nothing.
from csto_course import tables as _tables  # noqa: E402

_tables.register()
