"""Views for Foundations week 4: tokens, a map of meaning, and a prompt builder.

The next-word, search and grounded-answer demos are in :mod:`aicourse.views.language`;
the views here add what week 4 needs on top of them.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import HTML

from aicourse.language import SearchIndex, standard_index
from aicourse.meaning import (
    MAP_WORDS,
    meaning_map,
    place_word,
    token_table,
    word_count,
)
from aicourse.plots.genai import meaning_map_chart
from aicourse.prompts import (
    EXAMPLE_PROMPTS,
    PART_NAMES,
    CheckItem,
    PromptParts,
    check_prompt,
)
from aicourse.style import PALETTE, TEXT_COLOUR
from aicourse.views.base import STYLE, WIDE, View

#: The border colour of each kind of token in the token view.
TOKEN_COLOURS: dict[str, str] = {
    "word": PALETTE["blue"],
    "number": PALETTE["orange"],
    "punctuation": PALETTE["vermillion"],
}

#: The sentence the token view starts with.
TOKEN_EXAMPLE = "Kia ora, my $85.50 payment is late!"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _join(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _chip(token: str, kind: str) -> str:
    colour = TOKEN_COLOURS[kind]
    return (
        f'<span title="{kind}" style="display:inline-block;margin:3px;padding:2px 8px;'
        f"border:2px solid {colour};border-radius:6px;font-family:monospace;"
        f'font-size:1.1em;color:{TEXT_COLOUR}">{html.escape(token)}</span>'
    )


def tokens_html(tokens: list[str], kinds: list[str]) -> str:
    """The tokens as a row of boxes, one colour of border per kind, with a key."""
    key = " ".join(
        f'<span style="border-bottom:3px solid {c};padding:0 4px">{k}</span>'
        for k, c in TOKEN_COLOURS.items()
    )
    chips = "".join(_chip(t, k) for t, k in zip(tokens, kinds, strict=True))
    return f"<div>{chips}</div><p style='font-size:0.9em'>Border colour: {key}</p>"


class TokenView(View):
    """Type a sentence; see the pieces (tokens) a language model reads, and count them."""

    def __init__(self, text: str = TOKEN_EXAMPLE) -> None:
        if not isinstance(text, str):
            raise TypeError(f"the starting sentence must be text, got {type(text).__name__}")
        self.text = widgets.Text(value=text, description="Your sentence:", layout=WIDE, style=STYLE)
        super().__init__([self.text])
        self.update()

    def update(self) -> None:
        text = self.text.value
        table = token_table(text)
        kinds = table["kind"].value_counts()
        self.result = {
            "text": text,
            "tokens": list(table["token"]),
            "count": len(table),
            "words": word_count(text),
            "kinds": {k: int(kinds.get(k, 0)) for k in TOKEN_COLOURS},
        }
        if table.empty:
            self.readout.value = "<p>Type a sentence above to see its tokens.</p>"
            self._show(HTML(""))
            return
        r = self.result
        self.readout.value = (
            f"<p><b>{_plural(r['count'], 'token')}</b> from "
            f"{_plural(r['words'], 'word')} (pieces between spaces): "
            f"{_plural(r['kinds']['word'], 'word')}, {_plural(r['kinds']['number'], 'number')} "
            f"and {_plural(r['kinds']['punctuation'], 'punctuation mark')}.</p>"
        )
        self._show(HTML(tokens_html(r["tokens"], list(table["kind"]))))


class MeaningMapView(View):
    """Type a word; see where it lands on the map of meaning, and the words closest to it."""

    def __init__(self, index: SearchIndex | None = None, word: str = "late") -> None:
        self.index = index if index is not None else standard_index()
        self.map = meaning_map(self.index, MAP_WORDS)
        self.known_words = len(self.index.vectorizer.vocabulary_)
        self.word = widgets.Text(
            value=word,
            description="Your word:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.word])
        self.update()

    def update(self) -> None:
        word = self.word.value.strip()
        if not word:
            self.result = None
            self.readout.value = "<p>Type a word above and press Enter.</p>"
            return
        placed = place_word(self.index, self.map, word)
        self.result = placed
        shown = html.escape(placed.word)
        if not placed.known:
            self.readout.value = (
                f'<p>The search has never seen "{shown}", so it has no numbers for it. It '
                f"only knows the {self.known_words:,} words used in the agency's policies and "
                "enquiries. Real language models have vocabularies of tens of thousands of "
                "tokens.</p>"
            )
        else:
            near = _join([f"<b>{html.escape(w)}</b>" for w in placed.nearest_on_map["word"]])
            closest = ", ".join(
                f"{html.escape(w)} ({s:.2f})"
                for w, s in zip(placed.closest["word"], placed.closest["similarity"], strict=True)
            )
            self.readout.value = (
                f'<p>On the map, "{shown}" is closest in meaning to {near}.<br>'
                f"Closest of all the words the search knows (1 = used in exactly the same "
                f"way): {closest}.</p>"
            )
        self._show(meaning_map_chart(self.map, placed))


#: What each prompt part's box is called in the prompt builder.
PART_DESCRIPTIONS: dict[str, str] = {
    "task": "Task (what you want done):",
    "context": "Background (facts the tool needs):",
    "audience": "Audience (who will read it):",
    "format": "Format (length, layout, tone):",
    "limits": "Limits (what to stick to or avoid):",
}

_MARKS = {"done": "✅", "missing": "✏️", "too vague": "✏️", "found": "⚠️"}


def _checklist_html(items: tuple[CheckItem, ...]) -> str:
    lines = []
    for item in items:
        extra = "" if item.done else f" ({item.status}): {html.escape(item.advice)}"
        lines.append(f"<li>{_MARKS[item.status]} {html.escape(item.label)}{extra}</li>")
    return "<ul style='list-style:none;padding-left:0'>" + "".join(lines) + "</ul>"


class PromptBuilderView(View):
    """Fill in the parts of a prompt; see the prompt put together and what it still lacks.

    No AI model runs here: the view checks the request, not the answer a tool would give.
    """

    def __init__(self, start: str = "A vague request") -> None:
        if start not in EXAMPLE_PROMPTS:
            raise ValueError(f"start must be one of {list(EXAMPLE_PROMPTS)}, got {start!r}")
        self.example = widgets.Dropdown(
            options=list(EXAMPLE_PROMPTS), value=start, description="Start from:", style=STYLE
        )
        self.parts = {
            name: widgets.Textarea(
                description=PART_DESCRIPTIONS[name],
                continuous_update=False,
                rows=2,
                layout=WIDE,
                style=STYLE,
            )
            for name in PART_NAMES
        }
        self.unsure = widgets.Checkbox(
            description="Ask the tool to say when it is not sure", indent=False, style=STYLE
        )
        self._loading = False
        super().__init__([self.example, *self.parts.values(), self.unsure])
        self.example.unobserve(self._on_change, names="value")
        self.example.observe(self._on_example, names="value")
        self._load(start)

    def _on_example(self, change: dict[str, object]) -> None:
        self._load(str(change["new"]))

    def _load(self, name: str) -> None:
        """Fill every box from an example, then check once."""
        parts = EXAMPLE_PROMPTS[name]
        self._loading = True
        try:
            for field, box in self.parts.items():
                box.value = getattr(parts, field)
            self.unsure.value = parts.say_if_unsure
        finally:
            self._loading = False
        self.update()

    def _on_change(self, change: dict[str, object]) -> None:
        if not self._loading:
            self.update()

    def update(self) -> None:
        parts = PromptParts(
            **{name: box.value for name, box in self.parts.items()},
            say_if_unsure=bool(self.unsure.value),
        )
        check = check_prompt(parts)
        self.result = check
        if check.ready:
            verdict = "Every line is ticked: a clear, safe request."
        elif "no_personal_information" in check.missing:
            verdict = "⚠️ Take out the personal information before this goes anywhere near a tool."
        else:
            verdict = "Fill in the lines marked ✏️ to make the request clearer."
        self.readout.value = (
            f"<p>Your prompt ticks <b>{check.score} of {check.total}</b> lines of the "
            f"checklist. {verdict}<br><i>No AI model runs here: this checks your request, "
            "not the answer a tool would give.</i></p>"
        )
        prompt = html.escape(check.prompt) or "<i>(empty: fill in a box above)</i>"
        self._show(
            HTML(
                "<p><b>The prompt you would paste into a tool:</b></p>"
                '<pre style="white-space:pre-wrap;border:1px solid #CCCCCC;padding:8px;'
                f'background:#F7F7F7">{prompt}</pre>'
                f"<p><b>Checklist</b></p>{_checklist_html(check.items)}"
            )
        )
