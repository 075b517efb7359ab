"""Week 4's extra cores for generative AI: tokens by kind, temperature, made-up sentences, meaning.

Everything here is built on :mod:`aicourse.language` (its tokenizer, next-word model and
search index) and adds only what the Foundations week 4 lesson shows on top of it. Every
function is pure: it takes text, a model or an index (and a seed where there is chance
involved) and returns plain values, dataclasses or tables.

- **Tokens by kind** (:func:`token_table`): the tokens of a text, each marked as a word, a
  number or a punctuation mark, so a lesson can show that punctuation counts too.
- **Temperature** (:func:`temperature_table`): the chances of the likeliest next tokens
  after one phrase, at several temperatures side by side.
- **How often the model makes things up** (:func:`invention_rates`,
  :func:`invented_sentences`): the model writes from each starting phrase many times (try
  ``i`` uses seed ``seed + i``, as the next-word demo's "Try again" button does), and each
  sentence is checked against the training text with
  :func:`aicourse.language.novel_sentences`. A made-up sentence is not always false, but
  nothing in the model checks it; :func:`invented_sentences` puts each one next to the
  policy sentence the search finds closest, so a reader can check it.
- **A map of meaning** (:func:`meaning_map`, :func:`place_word`, :func:`closest_words`,
  :func:`sentence_similarity`):
  the search index describes every word by :data:`aicourse.language.DEFAULT_DIMS` numbers
  (its *embedding*, from :meth:`aicourse.language.SearchIndex.embed`). Words used in the
  same kinds of texts get similar numbers: "money", "bank" and "payment" turn up in the
  same bundles of enquiries. To draw them, the map squeezes those numbers into two
  (principal component analysis: the two directions along which the map's words differ
  most). Distances on the map are only a rough guide; closeness is always measured on all
  the numbers (cosine similarity: 1 means "used in the same way", 0 "nothing in common").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from aicourse import SEED
from aicourse.language import (
    STANDARD_PROMPTS,
    NgramModel,
    SearchIndex,
    generate,
    next_token_probabilities,
    novel_sentences,
    search,
    search_terms,
    tokenize,
)

# ---------------------------------------------------------------------------------------
# Tokens by kind
# ---------------------------------------------------------------------------------------

#: The kinds of token :func:`token_table` tells apart.
TOKEN_KINDS: tuple[str, ...] = ("word", "number", "punctuation")


def _kind_of(token: str) -> str:
    if token[:1].isdigit():
        return "number"
    if token[:1].isalpha():
        return "word"
    return "punctuation"


def token_table(text: str) -> pd.DataFrame:
    """The tokens of ``text`` (from :func:`aicourse.language.tokenize`), one row each.

    Columns: ``position`` (1 for the first token), ``token`` and ``kind`` (one of
    :data:`TOKEN_KINDS`). ``"$85.50 is late!"`` gives five rows: ``$`` (punctuation),
    ``85.50`` (number), ``is`` and ``late`` (words) and ``!`` (punctuation).

    Raises:
        TypeError: if ``text`` is not a string.
    """
    tokens = tokenize(text)
    return pd.DataFrame(
        {
            "position": np.arange(1, len(tokens) + 1),
            "token": tokens,
            "kind": [_kind_of(t) for t in tokens],
        }
    )


def word_count(text: str) -> int:
    """How many words a person would count: the pieces of text between spaces.

    Raises:
        TypeError: if ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string of text, got {type(text).__name__}")
    return len(text.split())


# ---------------------------------------------------------------------------------------
# Temperature
# ---------------------------------------------------------------------------------------

#: Temperatures shown side by side in the lesson's temperature chart.
SHOWN_TEMPERATURES: tuple[float, ...] = (0.0, 0.5, 1.0, 1.5)


def _check_temperatures(temperatures: Sequence[float]) -> list[float]:
    if isinstance(temperatures, (str, bytes)) or not isinstance(temperatures, Sequence):
        raise TypeError("temperatures must be a list of numbers, such as (0.0, 1.0)")
    if len(temperatures) == 0:
        raise ValueError("give at least one temperature")
    out = []
    for t in temperatures:
        if isinstance(t, bool) or not isinstance(t, (int, float, np.number)):
            raise TypeError(f"every temperature must be a number, got {t!r}")
        if not 0.0 <= float(t) <= 2.0:
            raise ValueError(f"temperatures must be between 0 and 2, got {t}")
        out.append(float(t))
    return out


def temperature_table(
    model: NgramModel,
    context: str,
    temperatures: Sequence[float] = SHOWN_TEMPERATURES,
    top: int = 5,
) -> pd.DataFrame:
    """The chances of the ``top`` likeliest next tokens after ``context``, at each temperature.

    One row per temperature and token, in the order given and likeliest token first.
    Columns: ``temperature``, ``token``, ``probability`` (from
    :func:`aicourse.language.next_token_probabilities`) and ``count`` (times the model saw
    the token there). The same tokens appear at every temperature: temperature changes
    the chances, never which tokens are possible or their order.

    Raises:
        TypeError: for a wrong kind of model, context, temperatures or ``top``.
        ValueError: for no temperatures, a temperature outside 0 to 2, or ``top`` below 1.
    """
    temps = _check_temperatures(temperatures)
    tables = []
    for t in temps:
        chances = next_token_probabilities(model, context, temperature=t, top=top)
        tables.append(chances.assign(temperature=t))
    out = pd.concat(tables, ignore_index=True)
    return out.loc[:, ["temperature", "token", "probability", "count"]]


# ---------------------------------------------------------------------------------------
# How often the model makes things up
# ---------------------------------------------------------------------------------------

#: Temperatures for the "how often is it made up?" chart.
RATE_TEMPERATURES: tuple[float, ...] = (0.0, 0.5, 1.0, 1.5, 2.0)

#: How many times the model writes from each starting phrase, per temperature.
TRIES: int = 20


def _check_whole(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)


def _check_prompts(prompts: Sequence[str]) -> list[str]:
    if isinstance(prompts, str) or not isinstance(prompts, Sequence):
        raise TypeError("prompts must be a list of starting phrases, not a single string")
    if len(prompts) == 0:
        raise ValueError("give at least one starting phrase")
    if not all(isinstance(p, str) for p in prompts):
        raise TypeError("every starting phrase must be text")
    return list(prompts)


def invention_rates(
    model: NgramModel,
    corpus: str,
    prompts: Sequence[str] = STANDARD_PROMPTS,
    temperatures: Sequence[float] = RATE_TEMPERATURES,
    tries: int = TRIES,
    seed: int = SEED,
) -> pd.DataFrame:
    """How often the model writes a sentence that is nowhere in its training text.

    For each temperature, the model writes once from every starting phrase on each of
    ``tries`` tries (try ``i``, counting from 0, uses seed ``seed + i``). A piece of
    writing counts as made up if any of its sentences is not in ``corpus``
    (:func:`aicourse.language.novel_sentences`). Columns: ``temperature``, ``written``
    (pieces written), ``made_up`` (how many were made up) and ``share_made_up``.

    Raises:
        TypeError: for a wrong kind of model, corpus, prompts, temperatures, tries or seed.
        ValueError: for no prompts or temperatures, a temperature outside 0 to 2, or
            ``tries`` outside 1 to 200.
    """
    prompt_list = _check_prompts(prompts)
    temps = _check_temperatures(temperatures)
    tries = _check_whole(tries, "tries", 1, 200)
    seed = _check_whole(seed, "seed", 0, 2**62)
    if not isinstance(corpus, str):
        raise TypeError(f"the corpus must be text, got {type(corpus).__name__}")
    rows = []
    for t in temps:
        made_up = 0
        for prompt in prompt_list:
            for i in range(tries):
                text = generate(model, prompt, temperature=t, seed=seed + i)
                made_up += bool(novel_sentences(text, corpus))
        written = len(prompt_list) * tries
        rows.append((t, written, made_up, made_up / written))
    return pd.DataFrame(rows, columns=["temperature", "written", "made_up", "share_made_up"])


def invented_sentences(
    model: NgramModel,
    corpus: str,
    index: SearchIndex,
    prompts: Sequence[str] = STANDARD_PROMPTS,
    temperature: float = 1.0,
    tries: int = 1,
    seed: int = SEED,
) -> pd.DataFrame:
    """The model's made-up writing, each piece set beside the policy sentence closest to it.

    The model writes from every starting phrase on each of ``tries`` tries (try ``i``,
    counting from 0, uses seed ``seed + i``); only the pieces with a sentence that appears
    nowhere in ``corpus`` are kept. Columns: ``prompt``, ``try`` (counting from 1, as on
    the next-word demo), ``written`` (the model's text), ``policy`` (the id of the passage
    :func:`aicourse.language.search` finds closest to it) and ``policy_says`` (that
    passage's sentence closest to it), so a reader can check the model's sentence against
    the source. Some made-up sentences happen to be true; nothing in the model checks.

    Raises:
        TypeError: for a wrong kind of model, corpus, index, prompts, temperature, tries
            or seed.
        ValueError: for no prompts, a temperature outside 0 to 2 or ``tries`` outside 1
            to 200.
    """
    prompt_list = _check_prompts(prompts)
    (t,) = _check_temperatures([temperature])
    tries = _check_whole(tries, "tries", 1, 200)
    seed = _check_whole(seed, "seed", 0, 2**62)
    if not isinstance(corpus, str):
        raise TypeError(f"the corpus must be text, got {type(corpus).__name__}")
    rows = []
    for prompt in prompt_list:
        for i in range(tries):
            text = generate(model, prompt, temperature=t, seed=seed + i)
            if not novel_sentences(text, corpus):
                continue
            best = search(index, text, k=1).iloc[0]
            rows.append((prompt, i + 1, text, best["id"], best["sentence"]))
    return pd.DataFrame(rows, columns=["prompt", "try", "written", "policy", "policy_says"])


# ---------------------------------------------------------------------------------------
# A map of meaning
# ---------------------------------------------------------------------------------------

#: The words drawn on the meaning map, by topic: four everyday topics of the agency's
#: enquiries, five words each. Each word is one the search index knows.
MAP_WORDS: Mapping[str, tuple[str, ...]] = {
    "Money": ("money", "payment", "bank", "account", "deposited"),
    "Complaints": ("complaint", "unhappy", "rude", "disgraceful", "treated"),
    "Appointments": ("appointment", "book", "cancel", "meeting", "slot"),
    "School costs": ("school", "uniform", "child", "costs", "term"),
}

#: How many texts a word must appear in to be offered as a "closest word" (rarer words are
#: mostly typos and names).
MIN_TEXTS: int = 3


@dataclass(frozen=True, eq=False)
class MeaningMap:
    """Words placed on a flat map by meaning.

    ``words`` is a table with columns ``word``, ``topic``, ``x`` and ``y``. ``centre`` and
    ``axes`` are the squeeze from the index's numbers to the map's two (the average of the
    map's embeddings, and the two directions along which they differ most);
    ``share_kept`` is the share of the differences between the map's words that the two
    directions keep (1 would mean nothing was lost).
    """

    words: pd.DataFrame
    centre: np.ndarray
    axes: np.ndarray
    share_kept: float

    def position(self, vectors: np.ndarray) -> np.ndarray:
        """Where embeddings land on the map: one ``(x, y)`` row per row of ``vectors``."""
        return (np.atleast_2d(vectors) - self.centre) @ self.axes.T


def _check_index(index: object) -> SearchIndex:
    if not isinstance(index, SearchIndex):
        raise TypeError(f"expected a search index from build_index, got {type(index).__name__}")
    return index


def _check_word(word: object) -> str:
    if not isinstance(word, str):
        raise TypeError(f"the word must be text, got {type(word).__name__}")
    cleaned = word.strip()
    if not cleaned:
        raise ValueError("the word is empty; type a word")
    return cleaned


def meaning_map(index: SearchIndex, topics: Mapping[str, Sequence[str]] = MAP_WORDS) -> MeaningMap:
    """Place the ``topics``' words on a flat map, so words used alike sit close together.

    Each word's embedding comes from ``index.embed``; the map keeps the two directions
    along which these words' embeddings differ most (principal component analysis, worked
    out exactly, so the map is the same every time). Each direction's sign is set so that
    its largest weight is positive.

    Raises:
        TypeError: for a wrong kind of index or topics.
        ValueError: for fewer than 3 words, a word given twice, or a word the index has
            never seen (it would have no meaning to place).
    """
    index = _check_index(index)
    if not isinstance(topics, Mapping):
        raise TypeError("topics must map each topic name to a list of words")
    words: list[str] = []
    labels: list[str] = []
    for topic, members in topics.items():
        if isinstance(members, str) or not isinstance(members, Sequence):
            raise TypeError(f"the words for {topic!r} must be a list of words")
        for w in members:
            words.append(_check_word(w).lower())
            labels.append(str(topic))
    if len(words) < 3:
        raise ValueError("a meaning map needs at least 3 words")
    if len(set(words)) != len(words):
        raise ValueError("each word can appear on the map only once")
    vectors = index.embed(words)
    unknown = [w for w, v in zip(words, vectors, strict=True) if not v.any()]
    if unknown:
        raise ValueError(f"the search has never seen these words: {unknown}")
    centre = vectors.mean(axis=0)
    _, singular, vt = np.linalg.svd(vectors - centre, full_matrices=False)
    axes = vt[:2].copy()
    for row in axes:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    share = float((singular[:2] ** 2).sum() / (singular**2).sum())
    xy = (vectors - centre) @ axes.T
    table = pd.DataFrame({"word": words, "topic": labels, "x": xy[:, 0], "y": xy[:, 1]})
    return MeaningMap(words=table, centre=centre, axes=axes, share_kept=share)


def text_counts(index: SearchIndex) -> dict[str, int]:
    """How many of the texts the index learnt from use each word (read back from its weights).

    scikit-learn sets each word's weight to ``idf = ln((1 + n) / (1 + texts)) + 1``, where
    ``n`` is the number of texts; the rarest words appear in exactly one text (true of any
    real collection), which gives ``n``. Used to leave rare words (mostly typos and names)
    out of :func:`closest_words`.
    """
    index = _check_index(index)
    idf = index.vectorizer.idf_
    texts = np.rint(2.0 * np.exp(idf.max() - idf) - 1.0).astype(int)
    return {w: int(texts[col]) for w, col in index.vectorizer.vocabulary_.items()}


@lru_cache(maxsize=4)
def _vocabulary(index: SearchIndex, min_texts: int) -> tuple[tuple[str, ...], np.ndarray]:
    """The index's common words (letters only, 3 or more, in ``min_texts`` texts or more)
    and their embeddings, worked out once per index."""
    counts = text_counts(index)
    words = tuple(
        sorted(w for w, n in counts.items() if w.isalpha() and len(w) >= 3 and n >= min_texts)
    )
    return words, index.embed(list(words))


def closest_words(
    index: SearchIndex, word: str, k: int = 5, min_texts: int = MIN_TEXTS
) -> pd.DataFrame:
    """The ``k`` words whose embeddings are closest to ``word``'s, closest first.

    Candidates are the index's common words: letters only, at least 3 of them, used in at
    least ``min_texts`` of the texts it learnt from (:func:`text_counts`); ``word`` itself
    is left out. Columns: ``word`` and ``similarity`` (cosine similarity of the two
    embeddings). A word the index has never seen gets an empty table: it has no meaning
    to compare.

    Raises:
        TypeError: for a wrong kind of index, word, ``k`` or ``min_texts``.
        ValueError: for an empty word, ``k`` outside 1 to 50 or ``min_texts`` below 1.
    """
    index = _check_index(index)
    word = _check_word(word)
    k = _check_whole(k, "k", 1, 50)
    min_texts = _check_whole(min_texts, "min_texts", 1, 1_000_000)
    vector = index.embed([word])[0]
    if not vector.any():
        return pd.DataFrame({"word": pd.Series(dtype=str), "similarity": pd.Series(dtype=float)})
    words, vectors = _vocabulary(index, min_texts)
    similarity = vectors @ vector
    own = _own_forms(word)
    order = [i for i in np.argsort(-similarity, kind="stable") if words[i] not in own][:k]
    return pd.DataFrame(
        {"word": [words[i] for i in order], "similarity": similarity[order].astype(float)}
    )


def _own_forms(word: str) -> set[str]:
    """The word itself in the forms the index uses (lower case, plural folded)."""
    return {word.lower(), *tokenize(word), *search_terms(word)}


@dataclass(frozen=True)
class PlacedWord:
    """A word placed on a meaning map.

    ``known`` is False when the index has never seen the word; then ``x`` and ``y`` are
    None and both tables are empty. Otherwise ``(x, y)`` is where it lands on the map,
    ``nearest_on_map`` lists the map's words closest to it in meaning (columns ``word``,
    ``topic``, ``similarity``; the word itself is left out), and ``closest`` the closest
    of all the index's common words (from :func:`closest_words`).
    """

    word: str
    known: bool
    x: float | None
    y: float | None
    nearest_on_map: pd.DataFrame
    closest: pd.DataFrame


def place_word(index: SearchIndex, meaning: MeaningMap, word: str, k: int = 3) -> PlacedWord:
    """Put ``word`` on the map, and find the map's ``k`` words and the index's 5 words closest
    to it in meaning (measured on all the numbers, not on the flat map).

    Raises:
        TypeError: for a wrong kind of index, map, word or ``k``.
        ValueError: for an empty word or ``k`` outside 1 to the number of words on the map.
    """
    index = _check_index(index)
    if not isinstance(meaning, MeaningMap):
        raise TypeError(f"expected a map from meaning_map, got {type(meaning).__name__}")
    word = _check_word(word)
    k = _check_whole(k, "k", 1, len(meaning.words))
    vector = index.embed([word])[0]
    empty = pd.DataFrame(
        {
            "word": pd.Series(dtype=str),
            "topic": pd.Series(dtype=str),
            "similarity": pd.Series(dtype=float),
        }
    )
    if not vector.any():
        return PlacedWord(word, False, None, None, empty, closest_words(index, word))
    map_vectors = index.embed(list(meaning.words["word"]))
    similarity = map_vectors @ vector
    own = _own_forms(word)
    on_map = meaning.words["word"].to_numpy()
    order = [i for i in np.argsort(-similarity, kind="stable") if on_map[i] not in own][:k]
    nearest = pd.DataFrame(
        {
            "word": meaning.words["word"].to_numpy()[order],
            "topic": meaning.words["topic"].to_numpy()[order],
            "similarity": similarity[order].astype(float),
        }
    )
    x, y = meaning.position(vector)[0]
    return PlacedWord(word, True, float(x), float(y), nearest, closest_words(index, word))


def sentence_similarity(index: SearchIndex, first: str, second: str) -> float:
    """How close two texts are in meaning: the cosine similarity of their embeddings.

    1 means "about the same thing", 0 "nothing in common" (also when either text has no
    word the index knows).

    Raises:
        TypeError: for a wrong kind of index or a text that is not a string.
    """
    index = _check_index(index)
    for text in (first, second):
        if not isinstance(text, str):
            raise TypeError(f"both texts must be strings, got {type(text).__name__}")
    a, b = index.embed([first, second])
    return float(a @ b)
