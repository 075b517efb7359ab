"""Model training runs with one BLAS thread, and only inside its block."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from aicourse.threads import one_blas_thread


def _blas_threads() -> set[int]:
    return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}


def test_one_blas_thread_inside_the_block_only():
    np.dot(np.ones(3), np.ones(3))  # make sure numpy's BLAS is loaded
    before = _blas_threads()
    with one_blas_thread():
        assert _blas_threads() == {1}
    assert _blas_threads() == before


def test_one_thread_trains_the_same_model():
    """The lessons print the same numbers: one thread only changes how long training takes."""
    from sklearn.base import clone

    from aicourse.classify import split_enquiries, train_text_classifier
    from aicourse.data.enquiries import make_enquiries

    train, test = split_enquiries(make_enquiries(600))
    model = train_text_classifier(train["text"], train["category"])
    default_threads = clone(model).fit(list(train["text"]), list(train["category"]))
    texts = list(test["text"])
    assert list(model.predict(texts)) == list(default_threads.predict(texts))
    np.testing.assert_allclose(
        model.predict_proba(texts), default_threads.predict_proba(texts), atol=1e-6
    )
