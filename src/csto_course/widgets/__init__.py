"""Interactive widgets of the course (ipywidgets 8).

Each widget is a small class: build it with data, display it (it displays its ``.widget``),
read its controls as attributes, and read the last feedback from ``.feedback``. The rules
they apply live in :mod:`csto_course.scoring`, so they are tested without a browser.
"""

from csto_course.widgets.forecast import ForecastScorer
from csto_course.widgets.multiple_choice import MultipleChoice
from csto_course.widgets.risk_matrix import RiskMatrix
from csto_course.widgets.sorter import StatementSorter
from csto_course.widgets.timeline import TimelineExplorer

__all__ = [
    "ForecastScorer",
    "MultipleChoice",
    "RiskMatrix",
    "StatementSorter",
    "TimelineExplorer",
]


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
