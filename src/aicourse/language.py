"""Generative AI in miniature: tokens, next-word prediction, meaning-based search, grounded answers.

These are the concept cores behind Masterclass 1 ("generative AI in miniature"),
Masterclass 3 ("grounded generative answers") and Foundations week 4. Every function is
pure: it takes text (and a seed where there is chance involved) and returns plain values,
dataclasses or tables, so lessons, widgets, exercises and tests all use the same code.

The pieces, and the idea each one shows:

- **Tokens** (:func:`tokenize`, :func:`count_tokens`): a model reads text as a list of
  pieces. Here a piece is a lower-case word, a number or a punctuation mark. Real large
  language models split text into *sub-word* pieces ("unexpected" might be "un", "expect",
  "ed"), so their counts are usually higher than the counts here.
- **Next-word prediction** (:func:`train_ngram`, :func:`next_token_probabilities`,
  :func:`generate`): the model counts, in its training text, which token followed each
  run of ``order - 1`` tokens. To write, it looks at the last tokens so far and picks a
  next token in proportion to those counts. If it never saw the last two tokens together,
  it "backs off" to the last one token, then to no context at all.
- **Temperature**: each probability ``p`` is raised to the power ``1 / T`` and the results
  are rescaled to add up to 1. Below 1 the likeliest token gets even likelier; above 1 the
  choices even out; at exactly 0 the model always takes the likeliest token, so the output
  is the same whatever the seed.
- **Why models make things up** (:func:`is_in_corpus`, :func:`novel_sentences`): the model
  only knows which token follows which. Where two facts share a sentence shape ("... are
  paid within"), it can start with one fact and finish with the other: every step is
  something it saw, but the whole sentence is new and can be false.
- **Meaning-based search** (:func:`build_index`, :func:`search`): each text becomes a list
  of numbers (an *embedding*) so that texts about the same thing get similar numbers, even
  when they use different words. Here that is latent semantic analysis: word weights
  (TF-IDF) squeezed into a few dozen dimensions (truncated SVD) learnt from the policy
  passages plus thousands of everyday enquiries, bundled by topic, where "money",
  "payment" and "paid" keep turning up together. Each sentence of each passage is
  compared with the question. :func:`keyword_search` only counts shared words, for
  contrast.
- **Grounded answers** (:func:`grounded_answer`): find the best passage, quote its most
  relevant sentence and say where it came from, or say "I could not find this in the
  policies". :func:`ungrounded_answer` lets the next-word model answer from memory
  instead: fluent, with no source, and often wrong.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from aicourse import SEED
from aicourse.data.policies import Policy, policies_table
from aicourse.threads import one_blas_thread

# ---------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------

#: A number (with optional thousands commas or decimal point), a word (letters, possibly
#: joined by an apostrophe, as in "agency's"), or any single punctuation mark.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[^\w\s]")

#: Tokens that end a sentence.
SENTENCE_ENDS: frozenset[str] = frozenset({".", "?", "!"})

_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "?", "!", ")", "%"})
_NO_SPACE_AFTER = frozenset({"$", "("})


def _check_text(text: object, what: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a string of text, got {type(text).__name__}")
    return text


def _raw_tokens(text: str) -> list[str]:
    """Tokens with their original capital letters (curly apostrophes made straight)."""
    return _TOKEN.findall(text.replace("\u2019", "'"))


def tokenize(text: str) -> list[str]:
    """Split text into tokens: lower-case words, numbers, and each punctuation mark on its own.

    ``"Payment day is Thursday."`` becomes ``["payment", "day", "is", "thursday", "."]``
    and ``"$1,500"`` becomes ``["$", "1,500"]``. Real large language models split text
    into sub-word pieces instead (a long or rare word can be several pieces), so their
    token counts are usually higher than the counts from this function.

    Raises:
        TypeError: if ``text`` is not a string.
    """
    return [t.lower() for t in _raw_tokens(_check_text(text))]


def count_tokens(text: str) -> int:
    """How many tokens :func:`tokenize` splits the text into."""
    return len(tokenize(text))


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def number_tokens(text: str) -> list[str]:
    """The number tokens in a text, in order (``"$1,500 in 10 days"`` gives ``["1,500", "10"]``)."""
    return [t for t in tokenize(text) if _is_number(t)]


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at ``.``, ``?`` or ``!`` followed by a space or line break."""
    parts = re.split(r"(?<=[.?!])\s+", _check_text(text).strip())
    return [p.strip() for p in parts if p.strip()]


def _detokenize(tokens: Sequence[str], cased: Mapping[str, str]) -> str:
    """Join tokens back into readable text: tidy spacing, capitals for names and sentences."""
    out: list[str] = []
    start = True
    previous = ""
    for token in tokens:
        word = cased.get(token, token)
        if start and word[:1].isalpha():
            word = word[0].upper() + word[1:]
        if out and not (
            token in _NO_SPACE_BEFORE
            or previous in _NO_SPACE_AFTER
            or (token in {"am", "pm"} and _is_number(previous))
        ):
            out.append(" ")
        out.append(word)
        if token in SENTENCE_ENDS:
            start = True
        elif word[:1].isalnum():
            start = False
        previous = token
    return "".join(out)


# ---------------------------------------------------------------------------------------
# The next-word model
# ---------------------------------------------------------------------------------------

#: Starting phrases used by the lessons and the next-word demo. Each begins a sentence
#: shape that several policies share, so the model has more than one way to finish it.
STANDARD_PROMPTS: tuple[str, ...] = (
    "The maximum hardship grant",
    "Travel claims are",
    "Complaints are",
    "Case notes are",
    "Staff must",
    "Appointments can be",
)


@dataclass(frozen=True, eq=False)
class NgramModel:
    """A next-word model: how often each token followed each context in the training text.

    ``counts`` maps a context (a tuple of 0 to ``order - 1`` tokens) to the tokens seen
    right after it and how many times. ``cased`` remembers how each token is usually
    written (``"thursday"`` -> ``"Thursday"``) so generated text reads naturally.
    ``tokens`` is the training text as tokens.
    """

    order: int
    counts: Mapping[tuple[str, ...], Mapping[str, int]]
    cased: Mapping[str, str]
    tokens: tuple[str, ...]

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every token the model has seen."""
        return frozenset(self.tokens)


def _check_int(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)


def train_ngram(text: str, order: int = 3) -> NgramModel:
    """Train a next-word model on ``text`` by counting which token follows which.

    With ``order=3`` the model looks at the last two tokens; with ``order=2``, the last
    one. It also keeps the shorter counts (last one token, none) to fall back on when it
    meets a context it never saw. The text is read as one long stream that starts as if
    after a full stop, so the model also learns how sentences begin.

    Raises:
        TypeError: if ``text`` is not a string or ``order`` is not a whole number.
        ValueError: if ``order`` is not 2, 3 or 4, or the text has fewer than 10 tokens.
    """
    _check_text(text)
    order = _check_int(order, "order", 2, 4)
    raw = _raw_tokens(text)
    if len(raw) < 10:
        raise ValueError(f"the training text needs at least 10 tokens, got {len(raw)}")
    tokens = [t.lower() for t in raw]

    # How each token is usually written, ignoring capitals that only start a sentence.
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for i, (token, form) in enumerate(zip(tokens, raw, strict=True)):
        if i > 0 and tokens[i - 1] not in SENTENCE_ENDS:
            forms[token][form] += 1
    cased = {t: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for t, c in forms.items()}

    stream = [".", *tokens]
    counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for i in range(1, len(stream)):
        for length in range(order):
            if i - length < 0:
                break
            counts[tuple(stream[i - length : i])][stream[i]] += 1
    return NgramModel(
        order=order,
        counts={k: dict(v) for k, v in counts.items()},
        cased=cased,
        tokens=tuple(tokens),
    )


def _check_model(model: object) -> NgramModel:
    if not isinstance(model, NgramModel):
        raise TypeError(f"expected a next-word model from train_ngram, got {type(model).__name__}")
    return model


def _context_tokens(context: str | Sequence[str]) -> list[str]:
    if isinstance(context, str):
        return tokenize(context)
    if not all(isinstance(t, str) for t in context):
        raise TypeError("the context must be text, or a list of tokens (strings)")
    return [t.lower() for t in context]


def _longest_known_context(model: NgramModel, tokens: Sequence[str]) -> tuple[str, ...]:
    history = [".", *tokens]
    for length in range(model.order - 1, -1, -1):
        key = tuple(history[len(history) - length :]) if length else ()
        if key in model.counts:
            return key
    return ()  # pragma: no cover - the empty context is always known


def context_used(model: NgramModel, context: str | Sequence[str]) -> tuple[str, ...]:
    """The tokens the model actually looks at after ``context``.

    That is the last ``order - 1`` tokens if the model saw them together in training,
    otherwise fewer (it "backs off"), down to none at all. An empty context means "the
    start of a sentence".
    """
    return _longest_known_context(_check_model(model), _context_tokens(context))


def _check_temperature(temperature: object) -> float:
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.number)):
        raise TypeError(f"temperature must be a number, got {type(temperature).__name__}")
    t = float(temperature)
    if not 0.0 <= t <= 2.0 or math.isnan(t):
        raise ValueError(f"temperature must be between 0 and 2, got {temperature}")
    return t


def apply_temperature(probabilities: Sequence[float], temperature: float) -> np.ndarray:
    """Reshape probabilities with a temperature: raise each to the power 1/T, then rescale.

    At ``temperature=0`` all the probability goes to the likeliest choice (the first one
    if several are equally likely). The input must be probabilities (not negative, at
    least one above zero); the result adds up to 1.
    """
    t = _check_temperature(temperature)
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 1 or p.size == 0 or np.any(p < 0) or not np.any(p > 0):
        raise ValueError("probabilities must be a non-empty list of numbers >= 0, not all 0")
    if t == 0.0:
        out = np.zeros_like(p)
        out[int(np.argmax(p))] = 1.0
        return out
    with np.errstate(divide="ignore"):
        logw = np.log(p) / t
    logw -= logw.max()
    w = np.exp(logw)
    return w / w.sum()


def _distribution(
    model: NgramModel, tokens: Sequence[str], temperature: float
) -> tuple[tuple[str, ...], list[str], np.ndarray, np.ndarray]:
    """Context used, candidate tokens (likeliest first), their counts and reshaped probabilities."""
    key = _longest_known_context(model, tokens)
    seen = model.counts[key]
    ranked = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
    candidates = [t for t, _ in ranked]
    counts = np.array([c for _, c in ranked], dtype=float)
    return key, candidates, counts, apply_temperature(counts / counts.sum(), temperature)


def next_token_probabilities(
    model: NgramModel,
    context: str | Sequence[str],
    temperature: float = 1.0,
    top: int = 10,
) -> pd.DataFrame:
    """The model's chances for the next token after ``context``, likeliest first.

    Columns: ``token``, ``probability`` (after the temperature is applied) and ``count``
    (times the model saw that token after the context it used; see :func:`context_used`).
    Only the ``top`` likeliest tokens are listed, so the listed probabilities can add up
    to less than 1.

    Raises:
        TypeError: for a model that is not an :class:`NgramModel`, or a non-numeric
            temperature or ``top``.
        ValueError: if the temperature is outside 0 to 2, or ``top`` is below 1.
    """
    model = _check_model(model)
    tokens = _context_tokens(context)
    t = _check_temperature(temperature)
    top = _check_int(top, "top", 1, 100_000)
    _, candidates, counts, probs = _distribution(model, tokens, t)
    return pd.DataFrame(
        {"token": candidates[:top], "probability": probs[:top], "count": counts[:top].astype(int)}
    )


def generate(
    model: NgramModel,
    prompt: str,
    n_tokens: int = 30,
    temperature: float = 1.0,
    seed: int = SEED,
    stop_at_sentence_end: bool = True,
) -> str:
    """Continue ``prompt`` one token at a time and return the prompt with its continuation.

    At each step the model takes the chances from :func:`next_token_probabilities` (with
    the temperature applied) and picks a token: at ``temperature=0`` always the likeliest,
    so the result is the same for every seed; above 0 at random in proportion to the
    chances, using ``numpy.random.default_rng(seed)``, so the same seed gives the same text.
    It stops after ``n_tokens`` new tokens, or at the end of the first sentence it finishes
    if ``stop_at_sentence_end`` is true.

    Raises:
        TypeError: for a wrong type of model, prompt, temperature, ``n_tokens`` or seed.
        ValueError: if the temperature is outside 0 to 2 or ``n_tokens`` outside 1 to 200.
    """
    model = _check_model(model)
    tokens = tokenize(_check_text(prompt, "the prompt"))
    n_tokens = _check_int(n_tokens, "n_tokens", 1, 200)
    t = _check_temperature(temperature)
    seed = _check_int(seed, "seed", 0, 2**63 - 1)
    rng = np.random.default_rng(seed)
    new: list[str] = []
    for _ in range(n_tokens):
        _, candidates, _, probs = _distribution(model, [*tokens, *new], t)
        pick = 0 if t == 0.0 else int(rng.choice(len(candidates), p=probs))
        new.append(candidates[pick])
        if stop_at_sentence_end and new[-1] in SENTENCE_ENDS:
            break
    return _detokenize([*tokens, *new], model.cased)


def is_in_corpus(sentence: str, corpus: str) -> bool:
    """True if the sentence's tokens appear, in the same order and side by side, in ``corpus``.

    Capitals and spacing do not matter; words and punctuation do.

    Raises:
        TypeError: if either argument is not a string.
        ValueError: if the sentence has no tokens.
    """
    needle = tokenize(_check_text(sentence, "the sentence"))
    if not needle:
        raise ValueError("the sentence is empty")
    haystack = " " + " ".join(tokenize(_check_text(corpus, "the corpus"))) + " "
    return " " + " ".join(needle) + " " in haystack


def novel_sentences(generated: str, corpus: str) -> list[str]:
    """The sentences of ``generated`` that appear nowhere in ``corpus``: the model's own inventions.

    Every step of such a sentence was seen in training, but the whole sentence never was,
    so whether it is true is down to luck.
    """
    _check_text(generated, "the generated text")
    haystack = " " + " ".join(tokenize(_check_text(corpus, "the corpus"))) + " "
    out = []
    for sentence in split_sentences(generated):
        tokens = tokenize(sentence)
        if tokens and " " + " ".join(tokens) + " " not in haystack:
            out.append(sentence)
    return out


# ---------------------------------------------------------------------------------------
# Meaning-based search
# ---------------------------------------------------------------------------------------

#: Short, common words that say little about what a text is about. Both searches ignore
#: them.
STOP_WORDS: frozenset[str] = frozenset(
    """a about after all also am an and any are as at be been before being but by can
    could did do does doing for from get gets getting got had has have having he her here
    him his how i if in into is it its itself just me more most my no nor not now of off
    on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours""".split()
)


def _fold(word: str) -> str:
    """Fold a plural into its singular, roughly ("grants" -> "grant", "copies" -> "copy")."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def search_terms(text: str) -> list[str]:
    """The words meaning-based search looks at: tokens that are not punctuation or stop
    words, with plurals folded into singulars ("Hardship grants are paid" ->
    ``["hardship", "grant", "paid"]``)."""
    return [_fold(t) for t in tokenize(text) if t[:1].isalnum() and t not in STOP_WORDS]


def _passages_table(passages: object) -> pd.DataFrame:
    if passages is None:
        return policies_table()
    if isinstance(passages, pd.DataFrame):
        missing = {"id", "title", "text"} - set(passages.columns)
        if missing:
            raise ValueError(f"the passages table is missing columns: {sorted(missing)}")
        table = passages.loc[:, ["id", "title", "text"]].reset_index(drop=True)
    elif isinstance(passages, Iterable) and not isinstance(passages, str):
        items = list(passages)
        if not all(isinstance(p, Policy) for p in items):
            raise TypeError("passages must be a table (id, title, text) or a list of Policy")
        table = pd.DataFrame(
            [(p.id, p.title, p.text) for p in items], columns=["id", "title", "text"]
        )
    else:
        raise TypeError("passages must be a table (id, title, text) or a list of Policy")
    if len(table) < 2:
        raise ValueError("a search needs at least 2 passages")
    if not all(isinstance(t, str) and t.strip() for t in table["text"]):
        raise ValueError("every passage must have some text")
    return table


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Passages ready for meaning-based search.

    ``vectorizer`` holds the learnt word weights and ``svd`` the squeeze into ``dims``
    dimensions. Each passage is split into sentences: ``sentences`` lists them,
    ``sentence_owner`` gives the row of ``passages`` each came from, and
    ``sentence_vectors`` and ``passage_vectors`` hold their embeddings (unit-length rows).
    """

    passages: pd.DataFrame
    vectorizer: TfidfVectorizer
    svd: TruncatedSVD
    sentences: tuple[str, ...]
    sentence_owner: np.ndarray
    sentence_vectors: np.ndarray
    passage_vectors: np.ndarray

    @property
    def dims(self) -> int:
        """How many numbers describe each text."""
        return int(self.svd.n_components)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``: one row of ``dims`` numbers each, scaled to length 1.

        A text with no word the index knows gets a row of zeros: it is about nothing the
        search has seen, so it is 0 similar to everything.
        """
        if isinstance(texts, str):
            raise TypeError("expected a list of texts, got a single string; wrap it in [...]")
        texts = list(texts)
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("every text to embed must be a string")
        raw = self.svd.transform(self.vectorizer.transform(texts))
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 1e-12)


#: How many numbers describe each text by default.
DEFAULT_DIMS: int = 50

#: The default background groups the everyday enquiries into bundles of this many
#: messages filed under the same category.
ENQUIRY_BUNDLE: int = 30


def default_background(seed: int = SEED) -> list[str]:
    """The texts meaning-based search learns word meanings from, besides the passages.

    The 3,000 enquiries of :func:`aicourse.data.enquiries.make_enquiries`, in bundles of
    :data:`ENQUIRY_BUNDLE` messages that staff filed under the same category (in the order
    they arrived), followed by the added sentences of the training corpus. Bundling puts
    the different words people use for the same need ("money", "payment", "paid",
    "deposited") into the same texts, which is how the search learns they are related.
    """
    from aicourse.data.corpus import corpus_sentences
    from aicourse.data.enquiries import make_enquiries

    enquiries = make_enquiries(seed=seed)
    bundles: list[str] = []
    for _, group in enquiries.groupby("category", sort=True):
        texts = list(group["text"])
        for i in range(0, len(texts), ENQUIRY_BUNDLE):
            bundles.append(" ".join(texts[i : i + ENQUIRY_BUNDLE]))
    return [*bundles, *corpus_sentences()]


def build_index(
    passages: pd.DataFrame | Sequence[Policy] | None = None,
    background_texts: Sequence[str] | None = None,
    seed: int = SEED,
    dims: int = DEFAULT_DIMS,
) -> SearchIndex:
    """Build a meaning-based search over ``passages`` (by default the agency's policies).

    Word weights (TF-IDF over :func:`search_terms`) are learnt from the passages plus the
    ``background_texts`` (by default :func:`default_background`); truncated SVD, seeded
    with ``seed``, then finds ``dims`` directions that capture which words turn up
    together, and every text is described by where it sits along them. This is latent
    semantic analysis: it runs offline in about a second.

    Raises:
        TypeError: if the passages or background are the wrong kind of thing.
        ValueError: if there are fewer than 2 passages, or ``dims`` is outside 2 to 300 or
            not smaller than the number of texts and distinct words.
    """
    table = _passages_table(passages)
    seed = _check_int(seed, "seed", 0, 2**32 - 1)
    dims = _check_int(dims, "dims", 2, 300)
    if background_texts is None:
        background = default_background(seed)
    else:
        if isinstance(background_texts, str):
            raise TypeError("background_texts must be a list of texts, not a single string")
        background = list(background_texts)
        if not all(isinstance(t, str) for t in background):
            raise TypeError("every background text must be a string")
    vectorizer = TfidfVectorizer(analyzer=search_terms, sublinear_tf=True)
    weights = vectorizer.fit_transform([*table["text"], *background])
    if dims >= min(weights.shape):
        raise ValueError(
            f"dims must be smaller than the number of texts and of distinct words "
            f"({min(weights.shape)}), got {dims}"
        )
    with one_blas_thread():
        svd = TruncatedSVD(n_components=dims, random_state=seed).fit(weights)
    sentences: list[str] = []
    owner: list[int] = []
    for row, text in enumerate(table["text"]):
        for sentence in split_sentences(text):
            sentences.append(sentence)
            owner.append(row)
    index = SearchIndex(
        passages=table,
        vectorizer=vectorizer,
        svd=svd,
        sentences=tuple(sentences),
        sentence_owner=np.array(owner, dtype=int),
        sentence_vectors=np.empty((0, dims)),
        passage_vectors=np.empty((0, dims)),
    )
    # The embeddings need the fitted index itself, so they are filled in once, here.
    object.__setattr__(index, "sentence_vectors", index.embed(sentences))
    object.__setattr__(index, "passage_vectors", index.embed(list(table["text"])))
    return index


def _check_index(index: object) -> SearchIndex:
    if not isinstance(index, SearchIndex):
        raise TypeError(f"expected a search index from build_index, got {type(index).__name__}")
    return index


def _check_query(query: object) -> str:
    query = _check_text(query, "the question")
    if not query.strip():
        raise ValueError("the question is empty; type a question to search for")
    return query


def search(index: SearchIndex, query: str, k: int = 3) -> pd.DataFrame:
    """The ``k`` passages whose meaning is closest to ``query``, best first.

    Every sentence of every passage is compared with the query, and a passage scores as
    well as its closest sentence, so a long passage is not penalised for covering several
    things. Columns: ``id``, ``title``, ``passage``, ``score`` (the cosine similarity of
    the two embeddings: 1 means "about the same thing", 0 "nothing in common") and
    ``sentence``: the passage's sentence that best answers the query, taken to be the one
    sharing the most search words (:func:`search_terms`) with it, or among equals the one
    closest in meaning.

    Raises:
        TypeError: for a wrong type of index, query or ``k``.
        ValueError: for an empty query, or ``k`` outside 1 to the number of passages.
    """
    index = _check_index(index)
    query = _check_query(query)
    k = _check_int(k, "k", 1, len(index.passages))
    closeness = index.sentence_vectors @ index.embed([query])[0]
    wanted = set(search_terms(query))
    n = len(index.passages)
    scores = np.full(n, -np.inf)
    best_sentence = np.zeros(n, dtype=int)
    best_key: list[tuple[int, float]] = [(-1, -np.inf)] * n
    for i, (row, value) in enumerate(zip(index.sentence_owner, closeness, strict=True)):
        scores[row] = max(scores[row], value)
        key = (len(wanted & set(search_terms(index.sentences[i]))), float(value))
        if key > best_key[row]:
            best_key[row], best_sentence[row] = key, i
    order = np.argsort(-scores, kind="stable")[:k]
    rows = index.passages.iloc[order]
    return pd.DataFrame(
        {
            "id": rows["id"].to_numpy(),
            "title": rows["title"].to_numpy(),
            "passage": rows["text"].to_numpy(),
            "score": scores[order],
            "sentence": [index.sentences[best_sentence[i]] for i in order],
        }
    )


def keyword_search(
    passages: pd.DataFrame | Sequence[Policy] | None, query: str, k: int = 3
) -> pd.DataFrame:
    """The passages sharing the most words with ``query``, exactly as written, best first.

    Stop words and punctuation are ignored; "grant" and "grants" count as different
    words. ``score`` is the number of distinct query words found in the passage. Passages
    sharing no word are left out, so the table can have fewer than ``k`` rows (or none).
    Columns as for :func:`search`.
    """
    table = _passages_table(passages)
    query = _check_query(query)
    k = _check_int(k, "k", 1, len(table))
    words = {t for t in tokenize(query) if t[:1].isalnum() and t not in STOP_WORDS}
    scores = np.array([len(words & set(tokenize(text))) for text in table["text"]], dtype=float)
    order = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0][:k]
    rows = table.iloc[order]
    return pd.DataFrame(
        {
            "id": rows["id"].to_numpy(),
            "title": rows["title"].to_numpy(),
            "passage": rows["text"].to_numpy(),
            "score": scores[order],
        }
    )


# ---------------------------------------------------------------------------------------
# Grounded and ungrounded answers
# ---------------------------------------------------------------------------------------

#: The lowest search score that counts as "found". Below it, a grounded answer says it
#: could not find the answer rather than quote a passage that is not really about the
#: question. A question with no word the search knows scores 0, and everyday off-topic
#: questions that share a word or two with the enquiries score below about 0.2; the
#: course's example questions about the policies score 0.4 or more.
MIN_SCORE: float = 0.3

#: What a grounded answer says when no passage is close enough.
NOT_FOUND: str = "I could not find this in the policies."


@dataclass(frozen=True)
class GroundedAnswer:
    """An answer that quotes its source, or says plainly that it found none.

    ``found`` is true when the best passage scored at least ``threshold``; then ``quote``
    is the sentence of that passage that best answers the question, and ``policy_id`` and
    ``title`` say where it comes from. ``score`` is the best passage's search score
    either way.
    """

    question: str
    found: bool
    quote: str | None
    policy_id: str | None
    title: str | None
    score: float
    threshold: float

    @property
    def text(self) -> str:
        """The answer as one line of plain text, with its source."""
        if not self.found:
            return NOT_FOUND
        return f'"{self.quote}" (source: {self.policy_id}, {self.title})'


def grounded_answer(
    index: SearchIndex, question: str, threshold: float = MIN_SCORE
) -> GroundedAnswer:
    """Answer ``question`` by quoting the policies: the best passage's best sentence.

    The passage and the sentence quoted from it come from :func:`search`. If the best
    passage scores below ``threshold`` (default :data:`MIN_SCORE`), the answer says "I
    could not find this in the policies" instead of guessing. Whether the quoted sentence
    really answers the question is for the reader to judge: that is why the source is given.

    Raises:
        TypeError: for a wrong type of index, question or threshold.
        ValueError: for an empty question, or a threshold outside 0 to 1.
    """
    index = _check_index(index)
    question = _check_query(question)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise TypeError(f"threshold must be a number, got {type(threshold).__name__}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    best = search(index, question, k=1).iloc[0]
    score = float(best["score"])
    if score < threshold:
        return GroundedAnswer(question, False, None, None, None, score, float(threshold))
    return GroundedAnswer(
        question,
        True,
        str(best["sentence"]),
        str(best["id"]),
        str(best["title"]),
        score,
        float(threshold),
    )


#: The longest sentence opening :func:`prompt_from_question` hands to the model.
MAX_OPENING: int = 6


def prompt_from_question(model: NgramModel, question: str) -> str:
    """The start of an answer built from a question: a familiar sentence opening on its topic.

    Every opening (the first 1 to :data:`MAX_OPENING` tokens) of every sentence in the
    model's training text is scored by how many of the question's search words
    (:func:`search_terms`) it contains. The best-scoring opening wins; among equals, the
    shorter one, then the more common one, then the first alphabetically. If no opening
    shares a word with the question the prompt is empty, and the model simply starts a
    sentence.
    """
    model = _check_model(model)
    wanted = set(search_terms(_check_query(question)))
    tokens = model.tokens
    seen: Counter[tuple[str, ...]] = Counter()
    starts = [0, *(i + 1 for i, t in enumerate(tokens[:-1]) if t in SENTENCE_ENDS)]
    for start in starts:
        for length in range(1, MAX_OPENING + 1):
            opening = tokens[start : start + length]
            if len(opening) < length or not all(t[:1].isalnum() for t in opening):
                break
            seen[opening] += 1
    best: tuple[str, ...] = ()
    best_key: tuple[int, int, int] = (0, 0, 0)
    for opening, count in sorted(seen.items()):
        overlap = len(wanted & {_fold(t) for t in opening})
        key = (overlap, -len(opening), count)
        if overlap > 0 and key > best_key:
            best, best_key = opening, key
    return _detokenize(best, model.cased)


def ungrounded_answer(
    model: NgramModel, question: str, seed: int = SEED, temperature: float = 1.0
) -> str:
    """Let the next-word model answer from memory: no search, no source.

    The model is handed a familiar sentence opening on the question's topic
    (:func:`prompt_from_question`) and finishes the sentence. The result reads fluently
    but is often wrong, and nothing in it says where it came from.
    """
    prompt = prompt_from_question(model, question)
    return generate(model, prompt, n_tokens=30, temperature=temperature, seed=seed)


# ---------------------------------------------------------------------------------------
# The course's standard model and index
# ---------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def standard_model(order: int = 3) -> NgramModel:
    """The course's next-word model: :func:`train_ngram` on
    :func:`aicourse.data.corpus.corpus_text`. Built once per session, then shared."""
    from aicourse.data.corpus import corpus_text

    return train_ngram(corpus_text(), order=order)


@lru_cache(maxsize=2)
def standard_index(seed: int = SEED) -> SearchIndex:
    """The course's meaning-based search over the agency's policies (:func:`build_index`
    with its defaults). Built once per session (about 2 seconds), then shared."""
    return build_index(seed=seed)
