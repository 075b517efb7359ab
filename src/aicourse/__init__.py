"""Helper package for the AI Masterclass and AI Foundations notebooks.

The notebooks import from here so that each one reads as prose with a few calls.
Data flows one way: data world (``aicourse.data``) -> concept cores (pure functions)
-> widget views (``aicourse.views``) -> notebook. Importing the package has no side
effects: no plotting backend, seed or style is set on import.
"""

from __future__ import annotations

__all__ = ["SEED", "__version__"]

__version__ = "0.1.0"

#: The one seed every generator, split and model uses by default, so that every run of
#: every notebook prints the same numbers.
SEED: int = 2025
