"""Collect only submissions that really come from the learner they name.

nbgrader's submit lets a learner name any learner (``nbgrader submit week-1 --student
someone-else``), and its collect only logs a warning when a submission's folder belongs to
another account (``ExchangeCollect.check_owner``). A newer submission made that way would
replace the other learner's work. On a hub where every learner has their own account, the
owner of the folder in the exchange is who submitted it, so :class:`OwnerCheckedCollect`
leaves out any submission whose folder does not belong to the learner it names, logs it as
an error, and collects that learner's own latest submission instead.

The hub's course config (``aicourse.hub.course_config_text``) turns it on with
``c.ExchangeFactory.collect``; with ``check_owner`` off (one account for every role, as in
the tests and on a single laptop) it behaves exactly like nbgrader's own collect.
"""

from __future__ import annotations

import os
import pwd
from typing import Any

from nbgrader.exchange.default.collect import ExchangeCollect

#: Marks a record that is left out: the folder's owner is not the learner it names.
_NOT_THEIRS = "+not-submitted-by+"


def folder_owner(path: str) -> str:
    """The account name that owns ``path`` (its numeric id if the name is unknown)."""
    uid = os.stat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


class OwnerCheckedCollect(ExchangeCollect):
    """nbgrader's collect, leaving out submissions made in another learner's name."""

    def _path_to_record(self, path: str) -> dict[str, Any]:
        record = super()._path_to_record(path)
        if self.check_owner:
            owner = folder_owner(path)
            if owner != record["username"]:
                self.log.error(
                    "Not collected: %s names %s but was submitted by %s.",
                    record["filename"],
                    record["username"],
                    owner,
                )
                # A name no learner has, so nbgrader does not count it as theirs.
                record["username"] = f"{record['username']}{_NOT_THEIRS}{owner}"
        return record

    def init_src(self) -> None:
        super().init_src()
        self.src_records = [r for r in self.src_records if _NOT_THEIRS not in r["username"]]
