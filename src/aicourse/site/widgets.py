"""Widget demos on a static page: the saved controls, and a static snapshot of each demo.

A notebook run by nbclient (or saved from JupyterLab) keeps its widgets' state in its metadata.
On the site, the vendored widget renderer draws the controls from that state as they were when
the lesson was run; with no kernel behind them they cannot change anything, so the page's copy
of the state has every control disabled. For a reader whose browser draws no widgets (scripts
off, an old browser), each demo also gets a static snapshot built here from the same state: its
text, the settings of its controls, and its charts. The page's stylesheet hides the snapshot
once the live widget has been drawn, so nobody sees the demo twice.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Mapping
from typing import Any

from nbconvert.filters.ansi import strip_ansi
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from aicourse.site.catalogue import SiteBuildError

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

State = Mapping[str, Mapping[str, Any]]

#: A demo's chart, for screen readers (the figure's own text is only "<Figure size ...>").
CHART_ALT = "Chart from this demo, as it was when the lesson was run"

_SELECTIONS = {"DropdownModel", "SelectModel", "SelectionSliderModel"}
_CHOICES = {"RadioButtonsModel", "ToggleButtonsModel"}
_TEXTS = {"TextModel", "TextareaModel", "PasswordModel", "ComboboxModel"}
_TOGGLES = {"CheckboxModel", "ToggleButtonModel", "ValidModel"}


def widget_state(nb: Mapping[str, Any]) -> dict[str, Any]:
    """The notebook's saved widget-manager state (``{}`` if it saved none)."""
    return dict(nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}))


def disabled_copy(manager_state: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the manager state with every control disabled (no kernel answers on a page)."""
    result = copy.deepcopy(dict(manager_state))
    for model in result.get("state", {}).values():
        if "disabled" in model.get("state", {}):
            model["state"]["disabled"] = True
    return result


def _id(reference: str) -> str:
    return reference.removeprefix("IPY_MODEL_")


def _label(state: Mapping[str, Any]) -> str:
    description = state.get("description") or ""
    if state.get("description_allow_html"):
        return description
    return html.escape(description)


def _number(state: Mapping[str, Any]) -> str:
    value = state.get("value")
    fmt = state.get("readout_format")
    if isinstance(value, list):
        return " to ".join(_number({**state, "value": v}) for v in value)
    if isinstance(value, (int, float)) and fmt:
        try:
            return format(value, fmt.lstrip("~"))
        except ValueError:
            pass
    return html.escape(str(value))


def _control(label: str, value: str) -> str:
    label_html = f'<span class="aic-snap-label">{label}</span> ' if label else ""
    return f'<p class="aic-snap-control">{label_html}<b>{value}</b></p>'


def _output_html(output: Mapping[str, Any]) -> str:
    """One saved output of an Output widget, as static HTML."""
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(strip_ansi(output.get('text', '')))}</pre>"
    if output.get("output_type") == "error":
        return f"<pre>{html.escape(strip_ansi(chr(10).join(output.get('traceback', []))))}</pre>"
    data = output.get("data", {})
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            return (
                f'<img class="aic-snap-figure" alt="{CHART_ALT}" '
                f'src="data:{mime};base64,{data[mime].strip()}">'
            )
    if "image/svg+xml" in data:
        return f'<div class="aic-snap-figure">{data["image/svg+xml"]}</div>'
    if "text/html" in data:
        return f'<div class="aic-snap-html">{data["text/html"]}</div>'
    if "text/markdown" in data:
        return markdown2html_mistune(data["text/markdown"])
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def snapshot(model_id: str, state: State) -> str:
    """Static HTML for the widget ``model_id`` and everything inside it."""
    model = state[model_id]
    name, values = model["model_name"], model["state"]
    children = values.get("children") or []
    if children:
        inner = "".join(snapshot(_id(child), state) for child in children if _id(child) in state)
        return f'<div class="aic-snap-box">{inner}</div>'
    if name in {"HTMLModel", "HTMLMathModel"}:
        label = _label(values)
        text = values.get("value", "")
        return f'<div class="aic-snap-html">{label} {text}</div>' if (text or label) else ""
    if name == "LabelModel":
        return f"<p>{html.escape(values.get('value', ''))}</p>" if values.get("value") else ""
    if name == "OutputModel":
        return "".join(_output_html(output) for output in values.get("outputs", []))
    if name in _SELECTIONS | _CHOICES:
        options, index = values.get("_options_labels", []), values.get("index")
        if name in _SELECTIONS and isinstance(index, int):
            return _control(_label(values), html.escape(options[index]))
        chosen = ' class="aic-snap-chosen"'
        items = "".join(
            f"<li{chosen if i == index else ''}>{html.escape(o)}</li>"
            for i, o in enumerate(options)
        )
        label = _label(values)
        return f'<div class="aic-snap-choices">{label}<ul>{items}</ul></div>'
    if name in _TEXTS:
        text = values.get("value") or values.get("placeholder") or ""
        return _control(_label(values), f"\u201c{html.escape(text)}\u201d")
    if name in _TOGGLES:
        return _control(_label(values), "yes" if values.get("value") else "no")
    if name == "ButtonModel":
        return f'<p><span class="aic-snap-button">{_label(values)}</span></p>'
    if "value" in values and name.endswith("Model"):
        return _control(_label(values), _number(values))
    return ""


def add_snapshots(nb: Any, where: str) -> int:
    """Put a static snapshot in the metadata of every widget output (``aicourse.snapshot``).

    Returns how many widget outputs the notebook has. A widget output whose state was not
    saved would leave its demo blank on the site, so it stops the build.
    """
    state = widget_state(nb).get("state", {})
    count = 0
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            count += 1
            if view["model_id"] not in state:
                raise SiteBuildError(
                    f"{where}: cell {number} shows a widget whose state was not saved with the "
                    "notebook, so the site cannot show it. Re-run the lesson and save it with "
                    "its outputs (jupyter nbconvert --to notebook --execute --inplace ...)."
                )
            output.setdefault("metadata", {})["aicourse"] = {
                "snapshot": snapshot(view["model_id"], state)
            }
    return count
