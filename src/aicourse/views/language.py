"""Views for generative AI in miniature: next-word writing, meaning search, grounded answers.

Each change redraws a chart, so the temperature slider acts when let go and the text boxes
when Enter is pressed (``continuous_update=False``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from aicourse import SEED
from aicourse.data.corpus import corpus_text
from aicourse.language import (
    MIN_SCORE,
    STANDARD_PROMPTS,
    NgramModel,
    SearchIndex,
    generate,
    grounded_answer,
    keyword_search,
    next_token_probabilities,
    novel_sentences,
    search,
    standard_index,
    standard_model,
    tokenize,
    ungrounded_answer,
)
from aicourse.plots.language import (
    next_token_chart,
    search_comparison_chart,
    search_scores_chart,
)
from aicourse.views.base import STYLE, WIDE, View

#: Questions offered in the grounded-answer demo: seven the policies answer, one they do not.
EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "What is the maximum hardship grant?",
    "When will I get my money?",
    "How long are case notes kept?",
    "Is an interpreter free?",
    "Can I put client information into a public AI tool?",
    "When does a change of address take effect?",
    "How fast are travel claims paid?",
    "What is the capital of France?",
)


class NextWordView(View):
    """Pick a starting phrase and a temperature; watch the tiny model write, and check its work.

    The chart shows the model's chances for the token right after the phrase, reshaped by
    the temperature. "Try again" moves to the next try number, which is a different seed.
    """

    def __init__(
        self,
        model: NgramModel | None = None,
        corpus: str | None = None,
        prompts: tuple[str, ...] = STANDARD_PROMPTS,
        temperature: float = 1.0,
        seed: int = SEED,
    ) -> None:
        if not prompts:
            raise ValueError("give at least one starting phrase")
        self.model = model if model is not None else standard_model()
        self.corpus = corpus if corpus is not None else corpus_text()
        self.base_seed = seed
        self.prompt = widgets.Dropdown(
            options=list(prompts), description="Starting phrase:", style=STYLE
        )
        self.temperature = widgets.FloatSlider(
            value=temperature,
            min=0.0,
            max=2.0,
            step=0.1,
            readout_format=".1f",
            description="Temperature (0 = always the likeliest word):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.try_number = widgets.BoundedIntText(
            value=1, min=1, max=1000, description="Try number:", style=STYLE
        )
        self.again = widgets.Button(
            description="Try again", tooltip="Write again with the next try number"
        )
        self.again.on_click(self._try_again)
        self._drawn: tuple[str, float, str | None] | None = None
        super().__init__([self.prompt, self.temperature, self.try_number])
        self.widget.children = (
            self.prompt,
            self.temperature,
            widgets.HBox([self.try_number, self.again]),
            self.readout,
            self.output,
        )
        self.update()

    def _try_again(self, _button: widgets.Button) -> None:
        self.try_number.value = min(self.try_number.value + 1, self.try_number.max)

    def update(self) -> None:
        prompt = self.prompt.value
        temperature = float(self.temperature.value)
        seed = self.base_seed + self.try_number.value - 1
        text = generate(self.model, prompt, temperature=temperature, seed=seed)
        made_up = novel_sentences(text, self.corpus)
        chances = next_token_probabilities(self.model, prompt, temperature=temperature, top=8)
        new_tokens = tokenize(text)[len(tokenize(prompt)) :]
        picked = new_tokens[0] if new_tokens else None
        self.result = {
            "prompt": prompt,
            "temperature": temperature,
            "seed": seed,
            "text": text,
            "in_training_text": not made_up,
            "probabilities": chances,
        }
        if made_up:
            verdict = (
                "⚠️ This sentence appears <b>nowhere</b> in the training text: the model "
                "stitched it together. It may or may not be true."
            )
        else:
            verdict = "✅ This sentence appears word for word in the training text."
        self.readout.value = f"<p><b>The model wrote:</b> {html.escape(text)}<br>{verdict}</p>"
        # The chart depends on the phrase, temperature and first pick, not the try number,
        # so it is only redrawn when one of those changes.
        if self._drawn != (prompt, temperature, picked):
            self._drawn = (prompt, temperature, picked)
            self._show(next_token_chart(chances, context=prompt, highlight=picked))


class SearchView(View):
    """Type a question; compare what meaning-based search and keyword search find."""

    def __init__(
        self,
        index: SearchIndex | None = None,
        question: str = "When will I get my money?",
        k: int = 3,
    ) -> None:
        self.index = index if index is not None else standard_index()
        self.k = k
        self.question = widgets.Text(
            value=question,
            description="Your question:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.question])
        self.update()

    def update(self) -> None:
        question = self.question.value
        if not question.strip():
            self.result = None
            self.readout.value = "<p>Type a question above and press Enter.</p>"
            return
        meaning = search(self.index, question, k=self.k)
        keyword = keyword_search(self.index.passages, question, k=self.k)
        self.result = {"question": question, "meaning": meaning, "keyword": keyword}
        best = meaning.iloc[0]
        if keyword.empty:
            keyword_part = "keyword search finds <b>no passage</b> that uses any of its words"
        else:
            top = keyword.iloc[0]
            keyword_part = (
                f"keyword search puts <b>{top['id']} {html.escape(top['title'])}</b> first"
            )
        self.readout.value = (
            f"<p>Meaning-based search puts <b>{best['id']} {html.escape(best['title'])}</b> "
            f"first (closeness {best['score']:.2f}); {keyword_part}.<br>"
            f"Best sentence: <i>{html.escape(best['sentence'])}</i></p>"
        )
        self._show(search_comparison_chart(meaning, keyword))


class GroundedAnswerView(View):
    """Ask a question; see an answer that quotes the policies next to one from memory."""

    def __init__(
        self,
        index: SearchIndex | None = None,
        model: NgramModel | None = None,
        questions: tuple[str, ...] = EXAMPLE_QUESTIONS,
        seed: int = SEED,
    ) -> None:
        if not questions:
            raise ValueError("give at least one example question")
        self.index = index if index is not None else standard_index()
        self.model = model if model is not None else standard_model()
        self.seed = seed
        self.example = widgets.Dropdown(
            options=list(questions), description="Example question:", layout=WIDE, style=STYLE
        )
        self.question = widgets.Text(
            value=questions[0],
            description="Your question:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.question])
        self.example.observe(self._on_example, names="value")
        self.widget.children = (self.example, *self.widget.children)
        self.update()

    def _on_example(self, change: dict[str, object]) -> None:
        self.question.value = str(change["new"])

    def update(self) -> None:
        question = self.question.value
        if not question.strip():
            self.result = None
            self.readout.value = "<p>Pick an example or type a question and press Enter.</p>"
            return
        grounded = grounded_answer(self.index, question)
        ungrounded = ungrounded_answer(self.model, question, seed=self.seed)
        self.result = {"question": question, "grounded": grounded, "ungrounded": ungrounded}
        self.readout.value = (
            '<div style="display:flex; gap:2em">'
            '<div style="flex:1"><b>With a source</b> (search the policies, then quote):<br>'
            f"{html.escape(grounded.text)}</div>"
            '<div style="flex:1"><b>From memory</b> (the next-word model, no source):<br>'
            f"{html.escape(ungrounded)}</div></div>"
        )
        results = search(self.index, question, k=5)
        self._show(
            search_scores_chart(
                results, threshold=MIN_SCORE, title="How close the best policy passages are"
            )
        )
