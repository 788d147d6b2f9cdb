"""The timeline under the map: events per day, stacked by type, with a range control and a play button.

The range control drives the page's date range, so the map, the counts, the corridor table and the panels
all follow it; "Play" slides the chosen window forward a day at a time.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.figures import TYPE_STYLE
from dashboard.viewmodel import MapData

#: Milliseconds between two steps of "Play".
PLAY_STEP_MS = 800
PLAY_LABEL = "▶ Play"
PAUSE_LABEL = "❚❚ Pause"
#: Height of the bar chart: a glance at when things happened, leaving the map most of the screen.
TIMELINE_PX = 64
#: Labelled days under the range control (more would overlap at 1280 px).
MAX_MARKS = 8


def days(data: MapData) -> list[str]:
    """Every day from the first dated event to the last (a day with no event is still a day)."""
    dated = data.event_days["date"].dropna()
    if dated.empty:
        return []
    first, last = date.fromisoformat(min(dated)), date.fromisoformat(max(dated))
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


#: Above this many days the bars count weeks, above ``MONTHLY_ABOVE_DAYS`` months: thousands of SVG bars
#: take seconds to draw in a software-rendered browser and are too thin to read anyway.
WEEKLY_ABOVE_DAYS = 120
MONTHLY_ABOVE_DAYS = 3 * 365


def _bucket(dates: pd.Series, n_days: int) -> pd.Series:
    """Each ISO day as the first day of its bar: the day, its week (Monday) or its month."""
    if n_days <= WEEKLY_ABOVE_DAYS:
        return dates
    days = pd.to_datetime(dates)
    if n_days <= MONTHLY_ABOVE_DAYS:
        start = days - pd.to_timedelta(days.dt.weekday, unit="D")
    else:
        start = days.dt.to_period("M").dt.start_time
    return start.dt.strftime("%Y-%m-%d")


def timeline_figure(data: MapData, n_days: int) -> dict[str, Any]:
    """Events per day (per week or month over long spans; each event once, however many places it
    names), one bar segment per type; ``n_days`` is the span (see :func:`days`)."""
    ev = data.event_days.dropna(subset=["date"])
    ev = ev.assign(bar=_bucket(ev["date"], n_days))
    counts = ev.groupby(["bar", "event_type"], observed=True)["n"].sum()
    counts = counts[counts > 0]
    traces = []
    for t, (color, label) in TYPE_STYLE.items():
        if t not in counts.index.get_level_values(1):
            continue
        per_day = counts.xs(t, level=1)
        traces.append(
            {
                "type": "bar",
                "x": list(per_day.index),
                "y": [int(v) for v in per_day.values],
                "name": label,
                "marker": {"color": color},
                "hovertemplate": f"%{{x}}: %{{y}} {label.lower()}<extra></extra>",
            }
        )
    return {
        "data": traces,
        "layout": {
            "barmode": "stack",
            "height": TIMELINE_PX,
            "margin": {"l": 36, "r": 8, "t": 2, "b": 18},
            "showlegend": False,
            "xaxis": {"type": "date", "fixedrange": True},
            "yaxis": {"fixedrange": True, "title": {"text": "events"}},
            "bargap": 0.1,
        },
    }


def marks(all_days: list[str]) -> dict[int, str]:
    """A few labelled days: month and day within a year, year and month over longer spans."""
    step = max(1, len(all_days) // MAX_MARKS)
    short = (lambda d: d[5:]) if all_days[0][:4] == all_days[-1][:4] else (lambda d: d[:7])
    return {i: short(d) for i, d in enumerate(all_days) if i % step == 0}


def timeline(data: MapData) -> html.Div | None:
    """The timeline section, or None when the events are dated on fewer than two days (nothing to put on
    a time axis)."""
    all_days = days(data)
    if len(all_days) < 2:
        return None
    last = len(all_days) - 1
    return html.Div(
        className="timeline",
        id=ids.TIMELINE_BOX,
        children=[
            dcc.Store(id=ids.TIMELINE_DAYS, data=all_days),
            dcc.Graph(
                id=ids.TIMELINE,
                figure=timeline_figure(data, len(all_days)),
                config={"displayModeBar": False},
                className="timeline-graph",
            ),
            html.Div(
                className="timeline-controls",
                children=[
                    html.Button(PLAY_LABEL, id=ids.PLAY, n_clicks=0, title="Slide the range a day at a time"),
                    html.Div(
                        dcc.RangeSlider(
                            id=ids.TIME_RANGE,
                            min=0,
                            max=last,
                            step=1,
                            value=[0, last],
                            marks=marks(all_days),
                            allowCross=False,
                            allow_direct_input=False,
                            updatemode="mouseup",
                        ),
                        className="timeline-slider",
                    ),
                    dcc.Interval(id=ids.PLAY_TICK, interval=PLAY_STEP_MS, disabled=True),
                ],
            ),
        ],
    )


def window(value: Any, n_days: int) -> tuple[int, int]:
    """The slider's [first, last] day indices, checked and clipped to the days there are."""
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value)):
        return 0, n_days - 1
    lo, hi = sorted(int(v) for v in value)
    return max(0, min(lo, n_days - 1)), max(0, min(hi, n_days - 1))


def start(value: Any, n_days: int) -> list[int]:
    """Where "Play" starts: the chosen window, or a tenth of the days from the first day when the window
    covers them all or has reached the end (there is nowhere to slide it)."""
    lo, hi = window(value, n_days)
    if hi < n_days - 1:
        return [lo, hi]
    width = hi - lo if lo > 0 else max(1, n_days // 10)
    return [0, min(width, n_days - 1)]


def step(value: Any, n_days: int) -> tuple[list[int], bool]:
    """One "Play" step: the window a day later, and whether it has reached the last day (play stops)."""
    lo, hi = window(value, n_days)
    if hi >= n_days - 1:
        return [lo, hi], True
    return [lo + 1, hi + 1], hi + 1 >= n_days - 1
