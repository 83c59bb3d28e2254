"""Answer checks for the exercise notebooks.

``core`` holds the machinery (``Feedback``, ``@check``, coercions); ``lesson1`` … ``lesson7``
hold the checks of each exercise notebook (``from csto_course.checks import lesson1``).
"""

from csto_course.checks.core import (
    PLACEHOLDERS,
    REGISTRY,
    CheckInfo,
    Feedback,
    as_choice,
    as_date,
    as_frame,
    as_int,
    as_list,
    as_number,
    as_text,
    check,
    count_feedback,
    error_feedback,
    format_number,
    is_placeholder,
    items_feedback,
    magnitude_hint,
    number_feedback,
    show,
)

__all__ = [
    "PLACEHOLDERS",
    "REGISTRY",
    "CheckInfo",
    "Feedback",
    "as_choice",
    "as_date",
    "as_frame",
    "as_int",
    "as_list",
    "as_number",
    "as_text",
    "check",
    "count_feedback",
    "error_feedback",
    "format_number",
    "is_placeholder",
    "items_feedback",
    "magnitude_hint",
    "number_feedback",
    "show",
]
