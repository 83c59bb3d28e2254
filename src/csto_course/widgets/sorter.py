"""Sort the commentary's statements into context, motive, consequence, risk or question."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd

from csto_course.checks.core import Feedback
from csto_course.scoring import KINDS, SortResult, sort_feedback, sort_result
from csto_course.widgets._common import LABEL_STYLE, Base, button, paragraph

__all__ = ["UNANSWERED", "StatementSorter"]

#: The dropdown value meaning "not sorted yet".
UNANSWERED = "\u2014"


class StatementSorter(Base):
    """A dropdown per statement; "Check" scores the sorting and explains each wrong one.

    ``statements`` is the ``statements`` table (statement_id, paraphrase, kind,
    explanation; ``order`` if present). Which statements: ``statement_ids`` (in that
    order), else ``n`` of them chosen so that every kind appears, else all. They are shown
    in an order shuffled with ``seed`` (fixed, so the notebook is deterministic) so that the
    commentary's section order does not give the answers away; ``shuffle=False`` keeps the
    commentary's order. ``.dropdowns`` maps statement_id → ``Dropdown`` (value "—" when
    unanswered); ``.button`` checks; ``.result`` is the last :class:`SortResult`.
    """

    def __init__(
        self,
        statements: pd.DataFrame,
        n: int | None = None,
        *,
        statement_ids: Sequence[str] | None = None,
        seed: int = 2022,
        shuffle: bool = True,
    ) -> None:
        self._init_base()
        needed = ["statement_id", "paraphrase", "kind", "explanation"]
        missing = [c for c in needed if c not in statements.columns]
        if missing:
            raise ValueError(f"statements needs the columns {missing}")
        table = statements.copy()
        table["statement_id"] = table["statement_id"].astype(str)
        if "order" in table.columns:
            table = table.sort_values("order", kind="stable")
        table = table.set_index("statement_id", drop=False)
        self.statements = self._choose(table, n, statement_ids, seed, shuffle)
        kinds = list(KINDS)
        kinds += sorted({str(k) for k in self.statements["kind"]} - set(KINDS))
        self.kinds = kinds
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows = []
        for sid, row in self.statements.iterrows():
            paraphrase = str(row["paraphrase"])
            dropdown = widgets.Dropdown(
                options=[UNANSWERED, *kinds],
                value=UNANSWERED,
                description=f"{sid} is a",
                tooltip=f"Kind of statement {sid}: {paraphrase}",
                style=LABEL_STYLE,
                layout=widgets.Layout(width="auto"),
            )
            self.dropdowns[str(sid)] = dropdown
            rows.append(
                widgets.VBox(
                    [paragraph(f"{sid}. {paraphrase}"), dropdown],
                    layout=widgets.Layout(margin="0 0 0.6em 0"),
                )
            )
        self.button = button("Check", "Check how you sorted the statements", icon="check")
        self.button.on_click(lambda _: self.check())
        self.result: SortResult | None = None
        intro = (
            "For each statement, choose what it is in the authors' argument: context (what "
            "happened), a motive, a consequence, a risk, or a question they leave open."
        )
        self.widget = widgets.VBox([paragraph(intro), *rows, self.button, self.feedback_html])

    @staticmethod
    def _choose(
        table: pd.DataFrame,
        n: int | None,
        ids: Sequence[str] | None,
        seed: int,
        shuffle: bool,
    ) -> pd.DataFrame:
        if ids is not None:
            unknown = [i for i in ids if i not in table.index]
            if unknown:
                raise ValueError(f"unknown statement_id(s): {unknown}")
            return table.loc[list(ids)]
        chosen = list(table.index)
        if n is not None and n < len(chosen):
            if n < 1:
                raise ValueError("n must be at least 1")
            # Round-robin over the kinds (in the commentary's order) so every kind appears.
            queues = {k: list(g.index) for k, g in table.groupby("kind", observed=True, sort=False)}
            picked: list[str] = []
            while len(picked) < n:
                for queue in queues.values():
                    if queue and len(picked) < n:
                        picked.append(queue.pop(0))
            order = {sid: i for i, sid in enumerate(table.index)}
            chosen = sorted(picked, key=order.__getitem__)
        if shuffle:
            rng = np.random.default_rng(seed)
            chosen = [chosen[i] for i in rng.permutation(len(chosen))]
        return table.loc[chosen]

    @property
    def answers(self) -> dict[str, str | None]:
        """statement_id → the kind chosen, or None if not answered."""
        return {
            sid: (None if d.value in (None, UNANSWERED) else str(d.value))
            for sid, d in self.dropdowns.items()
        }

    def check(self) -> Feedback:
        """Score the sorting, show it, and return the feedback."""

        def run() -> tuple[Feedback, str]:
            truth = {sid: str(k) for sid, k in self.statements["kind"].items()}
            self.result = sort_result(self.answers, truth)
            paraphrases = {s: str(p) for s, p in self.statements["paraphrase"].items()}
            explanations = {s: str(e) for s, e in self.statements["explanation"].items()}
            return sort_feedback(self.result, paraphrases, explanations)

        return self._run(run)

    def _plain_text(self) -> str:
        lines = [
            "StatementSorter: sort each statement (context, motive, consequence, risk, question)"
        ]
        lines += [f"  {sid}. {p}" for sid, p in self.statements["paraphrase"].items()]
        return "\n".join(lines)
