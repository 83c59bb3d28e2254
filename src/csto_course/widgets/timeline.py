"""A timeline to scrub through: pick days and categories, see the events and a chart."""

from __future__ import annotations

import html
from collections import Counter

import ipywidgets as widgets
import pandas as pd

from csto_course import style
from csto_course.feedback import error_feedback
from csto_course.scoring import events_per_day, filter_events
from csto_course.widgets import _svg, still_copy
from csto_course.widgets._common import LABEL_STYLE, Base, chart_area, paragraph

__all__ = ["TimelineExplorer"]


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%B %Y}"


class TimelineExplorer(Base):
    """Events between two days and in chosen categories, as a table and a chart.

    ``events`` is the ``events`` table (date, end_date, place_id, category, description).
    Place names come from ``places`` (the ``places`` table) if given, else from a ``place``
    column of ``events``, else the ``place_id`` is shown. Controls: ``.dates`` (a
    ``SelectionRangeSlider`` over the days; values are Timestamps) and ``.category_filter``
    (a ``SelectMultiple``). The view updates when either changes (``.update()`` redraws).
    ``.selected`` is the table shown, ``.figure_data`` the counts plotted (day × category,
    events under way each day), or None when nothing is selected; ``.summary`` says what is
    shown in words. ``.chart`` (an ``HTML`` widget) holds the chart as inline SVG with a title
    and a description that gives every number. There is no right answer here, so
    ``.feedback`` stays None.
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
        self.chart = chart_area()
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
                self.chart,
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
            self.chart.value = ""
            self.table.value = ""
            self.summary_html.value = f"<p><strong>{html.escape(self.summary)}</strong></p>"
            return
        days = [d for d in self.days if start <= d <= end]
        per_category = Counter(str(c) for c in self.selected["category"].tolist())
        present = [c for c in chosen if per_category[c]]
        counts = events_per_day(self.selected, days=days, categories=present)
        self.figure_data = counts
        n = len(self.selected)
        self.summary = (
            f"{n} event{'s' if n != 1 else ''} {span}: "
            + ", ".join(f"{c} {int(per_category[c])}" for c in present)
            + "."
        )
        self.summary_html.value = f"<p>{html.escape(self.summary)}</p>"
        self.chart.value = self._chart_html(counts, span)
        self.table.value = self._table_html()

    def _chart_html(self, counts: pd.DataFrame, span: str) -> str:
        """Stacked bars (one per day) as inline SVG; every number is written on the chart."""
        days = list(counts.index)
        columns = [str(c) for c in counts.columns]
        values = {c: [int(v) for v in counts[c].tolist()] for c in columns}
        totals = [sum(values[c][i] for c in columns) for i in range(len(days))]
        title = f"Events under way per day {span}, by category"
        by_category = ", ".join(f"{c} {sum(values[c])}" for c in columns)
        per_day = "; ".join(
            f"{d.day} {d:%B}: {t}"
            + (
                " (" + ", ".join(f"{c} {values[c][i]}" for c in columns if values[c][i]) + ")"
                if t and len(columns) > 1
                else ""
            )
            for i, (d, t) in enumerate(zip(days, totals, strict=True))
        )
        desc = (
            f"Stacked bar chart of the events under way each day {span}, one bar per day, "
            f"by category. Over all these days (an event under way on three days counts three "
            f"times): {by_category}. Per day: {per_day}."
        )
        prefix = _svg.content_id("timeline", title, desc)

        n = len(days)
        step = _svg.nice_step(max(totals))
        y_max = -(-max(max(totals), 1) // step) * step
        unit = max(20.0, 200.0 / y_max)  # at least 20 px per event: room for its number
        plot_h = unit * y_max
        slot = max(30.0, min(56.0, 760.0 / n))
        bar_w = slot * 0.72
        plot_w = slot * n
        left, bottom = 52.0, 46.0
        heading = "Events under way per day, by category"
        when = span[0].upper() + span[1:]
        width = max(left + plot_w + 12, 24 + 8.2 * len(heading), 24 + 7 * len(when))

        defs, body = [], []
        pattern = {}
        for c in columns:
            i = self.categories.index(c) if c in self.categories else columns.index(c)
            pattern[c] = f"{prefix}-p{i}"
            defs.append(_svg.hatch_pattern(pattern[c], style.CYCLE[i % len(style.CYCLE)], i))
        body.append(_svg.svg_text(12, 20, heading, font_size=14, font_weight="bold"))
        body.append(_svg.svg_text(12, 38, when))
        # legend, in rows under the title: each category's colour and pattern, and its name
        x, y = 12.0, 50.0
        body.append(_svg.svg_text(x, y + 12, "Category:", font_weight="bold"))
        x += 72
        for c in columns:
            item_w = 30 + 7 * len(c) + 14
            if x + item_w > width - 8:
                x, y = 84.0, y + 20
            body.append(
                f'<rect x="{_svg.num(x)}" y="{_svg.num(y + 1)}" width="22" height="14" '
                f'fill="url(#{pattern[c]})" stroke="{_svg.MUTED}" stroke-width="0.5"/>'
            )
            body.append(_svg.svg_text(x + 28, y + 12, c))
            x += item_w
        top = y + 20 + 22  # room for the totals above the tallest bar
        base = top + plot_h
        height = base + bottom

        # y axis: grid lines, ticks, title
        for k in range(0, y_max + 1, step):
            y = base - k * unit
            body.append(
                f'<line x1="{_svg.num(left)}" x2="{_svg.num(left + plot_w)}" '
                f'y1="{_svg.num(y)}" y2="{_svg.num(y)}" stroke="{_svg.GRID}"/>'
            )
            body.append(_svg.svg_text(left - 6, y + 4, k, text_anchor="end", fill=_svg.MUTED))
        mid = top + plot_h / 2
        body.append(
            _svg.svg_text(
                14,
                mid,
                "Events under way",
                text_anchor="middle",
                transform=f"rotate(-90 14 {_svg.num(mid)})",
            )
        )
        # bars, with each segment's number and the day's total
        for i, day in enumerate(days):
            x = left + i * slot + (slot - bar_w) / 2
            cx = x + bar_w / 2
            y = base
            for c in columns:
                v = values[c][i]
                if not v:
                    continue
                h = v * unit
                y -= h
                body.append(
                    f'<rect x="{_svg.num(x)}" y="{_svg.num(y)}" width="{_svg.num(bar_w)}" '
                    f'height="{_svg.num(h)}" fill="url(#{pattern[c]})" stroke="#ffffff" '
                    'stroke-width="1"/>'
                )
                # the number on a white label, readable over any colour and pattern
                label_w = 6 + 7 * len(str(v))
                body.append(
                    f'<rect x="{_svg.num(cx - label_w / 2)}" y="{_svg.num(y + h / 2 - 7.5)}" '
                    f'width="{_svg.num(label_w)}" height="15" rx="3" fill="#ffffff"/>'
                )
                body.append(_svg.svg_text(cx, y + h / 2 + 4, v, text_anchor="middle"))
            body.append(
                _svg.svg_text(
                    cx,
                    y - 4,
                    totals[i],
                    text_anchor="middle",
                    font_weight="bold",
                    fill=_svg.INK if totals[i] else _svg.MUTED,
                )
            )
            body.append(_svg.svg_text(cx, base + 16, day.day, text_anchor="middle"))
        # months under the day numbers: at the start of the month's run of days, or, when
        # the run is too short for the label, ending at the run's end
        runs: list[list[int]] = []
        for i, day in enumerate(days):
            if i and day.month == days[i - 1].month and day.year == days[i - 1].year:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            label = f"{days[run[0]]:%b %Y}"
            x0, x1 = left + run[0] * slot, left + (run[-1] + 1) * slot
            if run[0] and len(runs) > 1:
                body.append(
                    f'<line x1="{_svg.num(x0)}" x2="{_svg.num(x0)}" y1="{_svg.num(base)}" '
                    f'y2="{_svg.num(base + 36)}" stroke="{_svg.MUTED}"/>'
                )
            if x1 - x0 >= 7 * len(label) + 6:
                body.append(_svg.svg_text(x0 + 4, base + 33, label, fill=_svg.MUTED))
            else:
                body.append(
                    _svg.svg_text(x1 - 4, base + 33, label, text_anchor="end", fill=_svg.MUTED)
                )
        body.append(
            f'<line x1="{_svg.num(left)}" x2="{_svg.num(left + plot_w)}" '
            f'y1="{_svg.num(base)}" y2="{_svg.num(base)}" stroke="{_svg.INK}"/>'
        )
        return _svg.chart_html(
            kind="timeline",
            prefix=prefix,
            width=width,
            height=height,
            title=title,
            desc=desc,
            body=body,
            defs=defs,
        )

    def _table_html(self) -> str:
        shown = self.selected.head(self.max_rows)
        ends = shown["end_date"].tolist() if "end_date" in shown.columns else [None] * len(shown)
        rows = []
        for start, end, place, category, what in zip(
            shown["date"].tolist(),
            ends,
            shown["place_name"].tolist(),
            shown["category"].tolist(),
            shown["description"].tolist(),
            strict=True,
        ):
            date = start.strftime("%Y-%m-%d")
            if end is not None and not pd.isna(end) and end != start:
                date += f" to {end:%Y-%m-%d}"
            cells = (date, place, str(category), what)
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
        return still_copy.text(f"TimelineExplorer: {self.summary}")



# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
