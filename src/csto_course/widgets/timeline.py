"""A timeline to scrub through: pick days and categories, see the events and a chart."""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from csto_course import style
from csto_course.checks.core import error_feedback
from csto_course.scoring import events_per_day, filter_events
from csto_course.widgets._common import LABEL_STYLE, Base, figure_output, paragraph

__all__ = ["TimelineExplorer"]

_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%B %Y}"


def _short_day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b}"


class TimelineExplorer(Base):
    """Events between two days and in chosen categories, as a table and a chart.

    ``events`` is the ``events`` table (date, end_date, place_id, category, description).
    Place names come from ``places`` (the ``places`` table) if given, else from a ``place``
    column of ``events``, else the ``place_id`` is shown. Controls: ``.dates`` (a
    ``SelectionRangeSlider`` over the days; values are Timestamps) and ``.category_filter``
    (a ``SelectMultiple``). The view updates when either changes (``.update()`` redraws).
    ``.selected`` is the table shown, ``.figure_data`` the counts plotted (day × category,
    events under way each day), or None when nothing is selected; ``.summary`` says what is
    shown in words. There is no right answer here, so ``.feedback`` stays None.
    """

    def __init__(
        self, events: pd.DataFrame, places: pd.DataFrame | None = None, *, max_rows: int = 15
    ) -> None:
        self._init_base()
        missing = [c for c in ("date", "category", "description") if c not in events.columns]
        if missing:
            raise ValueError(f"events needs the columns {missing}")
        self.events = events.copy()
        self.events["date"] = pd.to_datetime(self.events["date"])
        if "end_date" in self.events.columns:
            self.events["end_date"] = pd.to_datetime(self.events["end_date"])
        self.events = self.events.loc[self.events["date"].notna()]
        if self.events.empty:
            raise ValueError("events has no dated rows to show")
        self.events["place_name"] = self._place_names(places)
        self.max_rows = int(max_rows)
        first = self.events["date"].min().normalize()
        last = self.events["date"].max().normalize()
        if "end_date" in self.events.columns and self.events["end_date"].notna().any():
            last = max(last, self.events["end_date"].max().normalize())
        self.days = list(pd.date_range(first, last, freq="D"))
        cat = self.events["category"]
        if isinstance(cat.dtype, pd.CategoricalDtype):
            used = set(cat.dropna().astype(str))
            self.categories = [str(c) for c in cat.cat.categories if str(c) in used]
        else:
            self.categories = sorted(set(cat.dropna().astype(str)))

        self.dates = widgets.SelectionRangeSlider(
            options=[(_day(d), d) for d in self.days],
            index=(0, len(self.days) - 1),
            description="Dates",
            tooltip="Choose the first and the last day to show",
            continuous_update=False,
            style=LABEL_STYLE,
            layout=widgets.Layout(width="95%"),
        )
        self.category_filter = widgets.SelectMultiple(
            options=self.categories,
            value=tuple(self.categories),
            rows=min(len(self.categories), 8),
            description="Categories",
            tooltip="Choose the categories to show (Ctrl or Shift + click for several)",
            style=LABEL_STYLE,
        )
        self.summary_html = widgets.HTML(value="")
        self.table = widgets.HTML(value="")
        self.output = widgets.Output()
        self.summary = ""
        self.selected = self.events.iloc[0:0]
        self.figure_data: pd.DataFrame | None = None
        self.dates.observe(lambda _: self.update(), names="value")
        self.category_filter.observe(lambda _: self.update(), names="value")
        self.widget = widgets.VBox(
            [
                paragraph("Choose days and categories; the table and the chart follow."),
                self.dates,
                self.category_filter,
                self.summary_html,
                self.output,
                self.table,
                self.feedback_html,
            ]
        )
        self.update()

    def _place_names(self, places: pd.DataFrame | None) -> pd.Series:
        if places is not None and {"place_id", "name"} <= set(places.columns):
            names = dict(zip(places["place_id"], places["name"], strict=True))
            ids = self.events.get("place_id", pd.Series(pd.NA, index=self.events.index))
            return ids.map(lambda p: names.get(p, p) if not pd.isna(p) else "\u2014")
        for column in ("place", "place_name", "place_id"):
            if column in self.events.columns:
                return self.events[column].map(lambda p: "\u2014" if pd.isna(p) else str(p))
        return pd.Series("\u2014", index=self.events.index)

    def update(self) -> None:
        """Redraw the summary, the chart and the table for the current selection."""
        try:
            self._update()
        except Exception as exc:  # noqa: BLE001 - never a traceback in a student's notebook
            self._show(error_feedback(exc))

    def _update(self) -> None:
        start, end = self.dates.value
        chosen = [c for c in self.categories if c in set(self.category_filter.value)]
        self.selected = filter_events(self.events, start, end, chosen)
        span = f"from {_day(start)} to {_day(end)}" if start != end else f"on {_day(start)}"
        if not chosen or self.selected.empty:
            why = "no category is selected" if not chosen else "no event in these categories"
            self.summary = (
                f"Nothing to show {span}: {why}. Widen the dates or select more categories."
            )
            self.figure_data = None
            self.output.outputs = ()
            self.table.value = ""
            self.summary_html.value = f"<p><strong>{html.escape(self.summary)}</strong></p>"
            return
        days = [d for d in self.days if start <= d <= end]
        per_category = self.selected["category"].astype(str).value_counts()
        present = [c for c in chosen if c in per_category.index]
        counts = events_per_day(self.selected, days=days, categories=present)
        self.figure_data = counts
        n = len(self.selected)
        self.summary = (
            f"{n} event{'s' if n != 1 else ''} {span}: "
            + ", ".join(f"{c} {int(per_category[c])}" for c in present)
            + "."
        )
        self.summary_html.value = f"<p>{html.escape(self.summary)}</p>"
        fig = self._draw(counts, span)
        self.output.outputs = (figure_output(fig, f"Bar chart of events under way {span}."),)
        self.table.value = self._table_html()

    def _draw(self, counts: pd.DataFrame, span: str) -> Figure:
        # A fixed layout (no constrained layout) and no zero-height bars keep a redraw fast.
        fig = Figure(figsize=(8, 3.6), dpi=100)
        fig.subplots_adjust(left=0.08, right=0.8, top=0.9, bottom=0.14)
        ax = fig.subplots()
        n = len(counts)
        bottom = [0] * n
        for column in counts.columns:
            i = self.categories.index(column)
            values = counts[column].tolist()
            xs = [x for x in range(n) if values[x] > 0]
            ax.bar(
                xs,
                [values[x] for x in xs],
                bottom=[bottom[x] for x in xs],
                label=column,
                color=style.CYCLE[i % len(style.CYCLE)],
                hatch=_HATCHES[i % len(_HATCHES)],
                edgecolor="white",
                linewidth=0.5,
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        step = max(1, math.ceil(n / 8))
        ax.set_xticks(range(0, n, step), [_short_day(d) for d in counts.index][::step])
        ax.set_xlim(-0.6, n - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("Events under way")
        ax.set_title(f"Events {span}, by category", fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(title="Category", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        return fig

    def _table_html(self) -> str:
        shown = self.selected.head(self.max_rows)
        rows = []
        for _, event in shown.iterrows():
            date = event["date"].strftime("%Y-%m-%d")
            end = event.get("end_date")
            if end is not None and not pd.isna(end) and end != event["date"]:
                date += f" to {end:%Y-%m-%d}"
            cells = (date, event["place_name"], str(event["category"]), event["description"])
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
            )
        more = len(self.selected) - len(shown)
        caption = f"Events selected ({len(self.selected)})"
        if more > 0:
            caption += f"; the first {len(shown)} shown, narrow the dates to see the rest"
        head = "".join(f"<th scope='col'>{h}</th>" for h in ("Date", "Place", "Category", "What"))
        return (
            f"<table class='csto-timeline'><caption>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _plain_text(self) -> str:
        return f"TimelineExplorer: {self.summary}"
