"""Widget views: thin wiring from controls to a concept core, and a drawing of the result.

Each view builds its controls (every one with a visible description, which screen readers
read), calls its core once on build, and again whenever a control changes. The last
result is kept on the view (``result``), and a one-line reading of it is shown in
``readout``, so tests can drive a view without a browser. Display a view by making it the
last line of a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
from IPython.display import clear_output, display

#: Controls stretch across the notebook so long labels stay readable.
WIDE = widgets.Layout(width="95%")
#: Let descriptions take the width they need rather than being cut off.
STYLE = {"description_width": "initial"}


class View:
    """Base class: a box of controls, a one-line readout and an output area for a chart."""

    def __init__(self, controls: Sequence[widgets.Widget]) -> None:
        self.controls = list(controls)
        self.readout = widgets.HTML()
        self.output = widgets.Output()
        self.result: Any = None
        self.widget = widgets.VBox([*self.controls, self.readout, self.output])
        for control in self.controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, _change: dict[str, Any]) -> None:
        self.update()

    def update(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _show(self, obj: object) -> None:
        with self.output:
            clear_output(wait=True)
            display(obj)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
