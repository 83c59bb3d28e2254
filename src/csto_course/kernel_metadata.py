"""Give notebooks the kernel metadata of this environment, so JupyterLab opens them unmodified.

When a notebook's kernel starts, JupyterLab writes the kernel's name and ``language_info``
(which holds the exact Python version) into the notebook; if they differ from what the file
holds, the notebook shows as modified before the student has done anything. ``binder/postBuild``
runs this on the image's copy of the course::

    python -m csto_course.kernel_metadata book exercises solutions
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def kernel_metadata() -> dict[str, Any]:
    """``kernelspec`` and ``language_info`` as ipykernel reports them in this environment."""
    from ipykernel.ipkernel import IPythonKernel
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()
    return {
        "kernelspec": {"display_name": spec["display_name"], "language": spec["language"],
                       "name": "python3"},
        "language_info": dict(IPythonKernel.language_info),
    }


def stamp(path: Path, metadata: dict[str, Any]) -> bool:
    """Write ``metadata`` into the notebook at ``path``; True when it changed."""
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    if all(nb["metadata"].get(k) == v for k, v in metadata.items()):
        return False
    nb["metadata"].update(metadata)
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Stamp every notebook in the folders given (default: the current folder)."""
    folders = [Path(a) for a in (sys.argv[1:] if argv is None else argv)] or [Path(".")]
    metadata = kernel_metadata()
    changed = [p for f in folders for p in sorted(f.glob("*.ipynb")) if stamp(p, metadata)]
    print(f"kernel metadata: {len(changed)} notebook(s) updated for Python "
          f"{metadata['language_info']['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
