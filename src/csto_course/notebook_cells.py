"""Name a notebook cell as JupyterLab shows it, for test and tool messages.

JupyterLab numbers nothing, but its status bar and "Go to cell" count cells from 1, and an
author finds a cell by its first line. So a message says
``book/04_consequences.ipynb, cell 30 (`fig = ...`)``: the path from the repository's root,
the cell's number from 1 (markdown cells count too), and its first non-blank line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["METADATA_HINT", "cell_label", "first_line"]

#: Where JupyterLab edits a cell's metadata (alt text, caption, tags).
METADATA_HINT = (
    "JupyterLab: select the cell, open the right sidebar's property inspector (the gear icon), "
    "then Advanced tools, Cell metadata"
)


def first_line(cell: Any, width: int = 40) -> str:
    """The cell's first non-blank line, shortened to ``width`` characters."""
    source = cell.get("source", "")
    text = source if isinstance(source, str) else "".join(source)
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "(empty)")
    return line if len(line) <= width else line[: width - 4].rstrip() + " ..."


def cell_label(path: Path | str, index: int, cell: Any, root: Path | None = None) -> str:
    """``"book/04_consequences.ipynb, cell 30 (`fig = ...`)"`` for the cell at 0-based ``index``."""
    path = Path(path)
    if root is not None:
        try:
            path = path.resolve().relative_to(Path(root).resolve())
        except ValueError:
            pass
    return f"{path.as_posix()}, cell {index + 1} (`{first_line(cell)}`)"
