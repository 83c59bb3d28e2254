"""Figures of the course: one module per kind of figure.

Each module has functions that take tables of the dataset (DataFrames from
:func:`csto_course.data.load`) and return a :class:`matplotlib.figure.Figure` made with
``plt.subplots``, plus, where useful, a function that returns the data the figure plots so
that tests can check it. Import a module and call its function in a notebook::

    from csto_course.figures import timeline
    fig = timeline.plot_timeline(data.load("events"))
"""


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
