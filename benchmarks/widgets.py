"""Benchmark: how long every interactive demo takes to answer a control's change.

Usage: python benchmarks/widgets.py [--quick] [--rows FILE] [--details FILE] [View ...]

Runs inside an IPython shell with ``%matplotlib inline``, as a JupyterLab kernel does, so a
view's ``display()`` goes through the real display formatter and a figure is rendered to
the inline backend's PNG (``print_figure(fig, "png", bbox_inches="tight")``). The time of
one update is from setting a control's value to the result being ready: the view's own
work plus that render. Views are found generically: every ``View`` subclass in
``aicourse.views.*``, built with its defaults; every control in ``view.controls`` (and any
other input widget the view holds) is swept: sliders across their range, dropdowns,
toggles and radio buttons over their options, check boxes both ways, text boxes over a
few sample sentences. Each control goes back to its starting value at the end of its
sweep, which is one more update. ``--quick`` makes one change per control, and goes back.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECTION = "widgets"
#: Issue 9's target: a widget update feels instant under 100 ms (95th percentile).
P95_MS = 100.0
#: Most values tried per slider (evenly spread over its range, ends included).
SLIDER_POINTS = 21
#: Sentences typed into text boxes (questions, messages and words a learner might try).
SAMPLE_TEXTS: tuple[str, ...] = (
    "When will I get my money?",
    "I moved house last week, please update my address.",
    "How long are case notes kept?",
    "late",
    "Can I use a public AI tool to summarise a client's file?",
)


def _sample_arguments() -> dict[str, Callable[[], dict[str, Any]]]:
    """Arguments for views that have no default for them (as the lessons build them)."""
    from aicourse import quizzes

    return {
        "QuizView": lambda: {"questions": quizzes.WEEK1_KINDS},
        "BenefitView": lambda: {"accuracies": {"Keyword rule": 0.62, "Learned model": 0.88}},
    }


def discover_views() -> list[type]:
    """Every public ``View`` subclass defined in a module of ``aicourse.views``."""
    import aicourse.views as package
    from aicourse.views.base import View

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    found: dict[str, type] = {}
    todo = list(View.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("aicourse.views") and not cls.__name__.startswith("_"):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def build(cls: type) -> Any:
    """``cls`` built with its defaults (and sample arguments where it has no default)."""
    required = [
        p.name
        for p in inspect.signature(cls).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    kwargs: dict[str, Any] = {}
    if required:
        samples = _sample_arguments()
        if cls.__name__ not in samples:
            raise LookupError(f"needs {', '.join(required)}: add sample arguments")
        kwargs = samples[cls.__name__]()
    return cls(**kwargs)


def _input_widgets(view: Any) -> list[Any]:
    """The view's controls, then any other input widget it holds (e.g. an example picker)."""
    import ipywidgets as w

    inputs = (
        w.widget_int._Int,
        w.widget_float._Float,
        w.widget_selection._Selection,
        w.widget_bool._Bool,
        w.Text,
        w.Textarea,
    )
    controls = list(view.controls)
    for value in vars(view).values():
        candidates = value.values() if isinstance(value, dict) else [value]
        for c in candidates:
            if isinstance(c, inputs) and not any(c is k for k in controls):
                controls.append(c)
    return controls


def sweep_values(control: Any, quick: bool = False) -> list[Any]:
    """The values a control is set to, in order; its starting value comes last."""
    import ipywidgets as w

    start = control.value
    if isinstance(control, w.widget_selection._Selection):
        values = list(control._options_values)
    elif isinstance(control, w.widget_bool._Bool):
        values = [not start]
    elif isinstance(control, w.Text | w.Textarea):
        values = list(SAMPLE_TEXTS[:2] if quick else SAMPLE_TEXTS)
    elif isinstance(control, w.widget_int._BoundedInt | w.widget_float._BoundedFloat):
        points = SLIDER_POINTS
        lo, hi = control.min, control.max
        step = control.step or (hi - lo) / (points - 1)
        steps = int(round((hi - lo) / step))
        chosen = sorted({round(i * steps / (points - 1)) for i in range(points)})
        if steps < points:
            chosen = list(range(steps + 1))
        values = [lo + i * step for i in chosen]
        if isinstance(control, w.widget_int._Int):
            values = [int(v) for v in values]
        else:
            values = [min(hi, round(v, 10)) for v in values]
    else:
        return []
    values = [v for v in values if v != start]
    if quick:  # one change and back: enough to check the wiring, not to judge the speed
        values = values[-1:]
    return values + [start]


@dataclass
class Sweep:
    """Milliseconds for each update of one view, and how much of each was rendering."""

    name: str
    build_s: float = 0.0
    update_ms: list[float] = field(default_factory=list)
    render_ms: list[float] = field(default_factory=list)
    pngs: int = 0
    per_control: dict[str, list[float]] = field(default_factory=dict)
    live: list[str] = field(default_factory=list)  # controls that act at every step of a drag
    problem: str | None = None


class _Shell:
    """An IPython shell with the inline backend whose display output is timed and kept."""

    def __init__(self) -> None:
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell

        owner = self

        class Keep(DisplayPublisher):
            def publish(self, data, *args: Any, **kwargs: Any) -> None:  # noqa: ANN001
                owner.published.append(data)

            def clear_output(self, wait: bool = False) -> None:
                pass

        self.published: list[dict[str, Any]] = []
        self.render_s = 0.0

        class Shell(InteractiveShell):
            def enable_gui(self, gui: str | None = None) -> None:
                pass  # the inline backend needs no event loop (as in a kernel)

        self.shell = Shell.instance(display_pub_class=Keep)
        self.shell.run_line_magic("matplotlib", "inline")
        formatter = self.shell.display_formatter
        real_format = formatter.format

        def timed_format(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return real_format(*args, **kwargs)
            finally:
                owner.render_s += time.perf_counter() - began

        formatter.format = timed_format


def sweep_view(cls: type, shell: _Shell, quick: bool = False) -> Sweep:
    """Build one view and time every change of every control over its sweep."""
    result = Sweep(cls.__name__)
    began = time.perf_counter()
    try:
        view = build(cls)
    except LookupError as err:
        result.problem = str(err)
        return result
    result.build_s = time.perf_counter() - began
    for n, control in enumerate(_input_widgets(view)):
        label = f"{n}: {type(control).__name__} {control.description!r}"
        if getattr(control, "continuous_update", False):
            result.live.append(label)
        times = result.per_control.setdefault(label, [])
        for value in sweep_values(control, quick):
            shell.published.clear()
            shell.render_s = 0.0
            began = time.perf_counter()
            control.value = value
            ms = 1000 * (time.perf_counter() - began)
            times.append(ms)
            result.update_ms.append(ms)
            result.render_ms.append(1000 * shell.render_s)
            result.pngs += sum("image/png" in d for d in shell.published)
    return result


def run_sweeps(quick: bool = False, names: list[str] | None = None, log=print) -> list[Sweep]:
    """A sweep of every discovered view (or those named)."""
    shell = _Shell()
    sweeps = []
    for cls in discover_views():
        if names and cls.__name__ not in names:
            continue
        log(f"widgets: {cls.__name__}")
        sweeps.append(sweep_view(cls, shell, quick))
    return sweeps


def rows(sweeps: list[Sweep], quick: bool = False) -> list:
    """Table rows: per view, the 95th percentile and median update, and the render median."""
    from table import MET, MISSED, NA, Row, judged, median, percentile

    out = []
    for s in sweeps:
        if s.problem or not s.update_ms:
            why = s.problem or "no controls to sweep"
            out.append(Row(SECTION, f"{s.name}: not measured ({why})", "update p95", 0, "ms"))
            continue
        item = f"{s.name} ({len(s.update_ms)} changes)"
        p95 = percentile(s.update_ms, 95)
        out += [
            Row(
                SECTION,
                item,
                "update p95",
                p95,
                "ms",
                f"< {P95_MS:.0f} ms",
                judged(p95, P95_MS, reduced=quick),
            ),
            Row(SECTION, item, "update median", median(s.update_ms), "ms"),
            Row(SECTION, item, "of which render (PNG), median", median(s.render_ms), "ms"),
            Row(SECTION, item, "build (once, when its cell runs)", s.build_s, "s", verdict=NA),
        ]
        if p95 >= P95_MS:
            # Slower than instant: a control must act once when let go, not at every step.
            live = len(s.live)
            target = "0 (update p95 over 100 ms)"
            verdict = NA if quick else (MET if live == 0 else MISSED)
            out.append(
                Row(
                    SECTION,
                    item,
                    "controls acting while dragged",
                    live,
                    "controls",
                    target,
                    verdict,
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=Path, help="write the table rows here as JSON")
    parser.add_argument("--details", type=Path, help="write every timing here as JSON")
    parser.add_argument("views", nargs="*", help="class names (default: every view)")
    args = parser.parse_args()
    from table import dumps, markdown

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    sweeps = run_sweeps(args.quick, args.views, log)
    table = rows(sweeps, args.quick)
    if args.rows:
        args.rows.write_text(dumps(table))
    else:
        print(markdown(table))
    if args.details:
        import json
        from dataclasses import asdict

        args.details.write_text(json.dumps([asdict(s) for s in sweeps], indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
