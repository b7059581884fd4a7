"""Data versions: parse, compare and bump MAJOR.MINOR.PATCH, never as strings.

The rules follow the Frictionless data-package-version pattern: MAJOR when a change
can break a user's analysis (removed or renamed columns, removed records, an id
reused), MINOR for additions (records, optional columns, withdrawals), PATCH when only
values change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import total_ordering

from conflictschema.errors import ConflictSchemaError

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class VersionError(ConflictSchemaError, ValueError):
    """A version string is malformed, or a requested version breaks the rules."""


class Bump(IntEnum):
    """How large a version step is; ordered, so the larger of two needs is ``max``."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    def __str__(self) -> str:
        return self.name.lower()


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        """
        >>> Version.parse("1.10.0") > Version.parse("1.9.3")
        True
        """
        match = _SEMVER.fullmatch(text)
        if match is None:
            raise VersionError(
                f"{text!r} is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.2.0)"
            )
        return cls(*(int(part) for part in match.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)

    def bumped(self, level: Bump) -> Version:
        """
        >>> str(Version.parse("1.4.2").bumped(Bump.MINOR))
        '1.5.0'
        """
        if level == Bump.MAJOR:
            return Version(self.major + 1, 0, 0)
        if level == Bump.MINOR:
            return Version(self.major, self.minor + 1, 0)
        if level == Bump.PATCH:
            return Version(self.major, self.minor, self.patch + 1)
        return self


def step(old: Version, new: Version) -> Bump:
    """The size of the step from ``old`` to a larger ``new``.

    >>> step(Version.parse("1.4.2"), Version.parse("2.0.0"))
    <Bump.MAJOR: 3>
    >>> step(Version.parse("1.4.2"), Version.parse("1.4.3"))
    <Bump.PATCH: 1>
    """
    if new.major != old.major:
        return Bump.MAJOR
    if new.minor != old.minor:
        return Bump.MINOR
    return Bump.PATCH if new.patch != old.patch else Bump.NONE
