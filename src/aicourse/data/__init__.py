"""The course's data world: synthetic, seeded generators for a fictional NZ public service.

Nothing here is real data, and nothing is downloaded. Names of people, places and
agencies are invented.
"""

from aicourse.data.enquiries import CATEGORIES, make_enquiries

__all__ = ["CATEGORIES", "make_enquiries"]
