"""Interactive widgets of the course (ipywidgets 8).

Each widget is a small class: build it with data, display it (it displays its ``.widget``),
read its controls as attributes, and read the last feedback from ``.feedback``.
"""

from csto_course.widgets.multiple_choice import MultipleChoice

__all__ = ["MultipleChoice"]
