"""Sort the commentary's statements into context, motive, consequence, risk or question."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd

from csto_course import data
from csto_course.feedback import Feedback
from csto_course.scoring import KINDS, SortResult, sort_feedback, sort_result
from csto_course.widgets import still_copy
from csto_course.widgets._common import LABEL_STYLE, Base, button, paragraph

__all__ = ["UNANSWERED", "StatementSorter"]

#: The dropdown value meaning "not sorted yet".
UNANSWERED = "\u2014"


class StatementSorter(Base):
    """A dropdown per statement; "Check" scores the sorting and gives a hint on each wrong one.

    ``statements`` is the ``statements`` table, by default the course's own (loaded here, so
    the notebook never holds the answers): statement_id and paraphrase, and ``order`` if
    present; the answers (``kind``) and ``explanation`` come from the table if it has them,
    else from the course's dataset. Which statements: ``statement_ids`` (in that order), else
    ``n`` of them chosen so that every kind appears, else all. They are shown in an order
    shuffled with ``seed`` (fixed, so the notebook is deterministic) so that the commentary's
    section order does not give the answers away; ``shuffle=False`` keeps the commentary's
    order. ``.statements`` holds what the student sees (statement_id, paraphrase).
    ``.dropdowns`` maps statement_id → ``Dropdown`` (value "—" when unanswered); ``.button``
    checks: a wrong choice first gets a hint about the kind chosen, and shows its answer
    once it is wrong in a second check; ``.reveal_button`` shows every answer.
    ``.result`` is the last :class:`SortResult`.
    """

    def __init__(
        self,
        statements: pd.DataFrame | None = None,
        n: int | None = None,
        *,
        statement_ids: Sequence[str] | None = None,
        seed: int = 2022,
        shuffle: bool = True,
    ) -> None:
        self._init_base()
        table = _with_key(data.load("statements") if statements is None else statements)
        chosen = self._choose(table, n, statement_ids, seed, shuffle)
        # the key stays in the widget; what a student displays holds no answer
        self._key = {str(s): str(k) for s, k in chosen["kind"].items()}
        self._explanations = {str(s): str(e) for s, e in chosen["explanation"].items()}
        self._tries: dict[str, int] = {}
        self._revealed = False
        self.statements = chosen[["statement_id", "paraphrase"]]
        kinds = list(KINDS)
        kinds += sorted(set(self._key.values()) - set(KINDS))
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
        self.reveal_button = button(
            "Show the answers", "Show the kind and the explanation of every statement", "eye"
        )
        self.reveal_button.on_click(lambda _: self.reveal())
        self.result: SortResult | None = None
        intro = (
            "For each statement, choose what it is in the authors' argument: context (what "
            "happened), a motive, a consequence, a risk, or a question they leave open."
        )
        self.widget = widgets.VBox(
            [
                paragraph(intro),
                *rows,
                widgets.HBox([self.button, self.reveal_button]),
                self.feedback_html,
            ]
        )

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
        """Score the sorting, show it (a hint, or the answer after a second miss), return it."""

        def run() -> tuple[Feedback, str]:
            self.result = sort_result(self.answers, self._key)
            for sid, _, _ in self.result.wrong:
                self._tries[sid] = self._tries.get(sid, 0) + 1
            paraphrases = {s: str(p) for s, p in self.statements["paraphrase"].items()}
            return sort_feedback(
                self.result,
                paraphrases,
                self._explanations,
                tries=self._tries,
                reveal=self._revealed,
                truth=self._key,
            )

        return self._run(run)

    def reveal(self) -> Feedback:
        """Show the answer and explanation of every statement not sorted right yet."""
        self._revealed = True
        return self.check()

    def _plain_text(self) -> str:
        return still_copy.text(
            "StatementSorter: sort each statement (context, motive, consequence, risk, question)",
            (f"{sid}. {p}" for sid, p in self.statements["paraphrase"].items()),
        )



def _with_key(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements, indexed by id, with ``kind`` and ``explanation`` (from the dataset
    for the statements whose table lacks them)."""
    if "statement_id" not in statements.columns or "paraphrase" not in statements.columns:
        raise ValueError("statements needs the columns ['statement_id', 'paraphrase']")
    table = statements.copy()
    table["statement_id"] = table["statement_id"].astype(str)
    if "kind" not in table.columns or "explanation" not in table.columns:
        key = data.load("statements").astype({"statement_id": str}).set_index("statement_id")
        for column in ("kind", "explanation"):
            if column not in table.columns:
                known = table["statement_id"].map(key[column].astype(str))
                if known.isna().any():
                    unknown = list(table.loc[known.isna(), "statement_id"])
                    raise ValueError(f"no {column} for the statement_id(s) {unknown}")
                table[column] = known
    if "order" in table.columns:
        table = table.sort_values("order", kind="stable")
    return table.set_index("statement_id", drop=False)


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
