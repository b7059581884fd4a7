"""Version ranges for downloads: ``1.2.0``, ``~1.2``, ``^1.2``, ``>=1.0,<2``.

``~1.2`` means 1.2.x and ``^1.2`` means 1.x from 1.2 on, as in npm and Cargo; a
comma joins comparators that must all hold. Versions are compared as numbers, never
as strings.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from conflictschema.semver import Version, VersionError

_PARTIAL = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_COMPARATOR = re.compile(r"^(>=|<=|>|<|==|=|!=)?\s*(\d+(?:\.\d+){0,2})$")
_OPS: dict[str, Callable[[Version, Version], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "=": operator.eq,
    "!=": operator.ne,
}


def _padded(text: str) -> tuple[Version, int]:
    """A partial version padded with zeros, and how many parts were given."""
    match = _PARTIAL.match(text)
    if match is None:
        raise VersionError(f"{text!r} is not a version")
    parts = [int(p) if p is not None else None for p in match.groups()]
    given = sum(p is not None for p in parts)
    return Version(*(p or 0 for p in parts)), given


@dataclass(frozen=True)
class VersionSpec:
    """A set of versions: every (operator, version) pair must hold."""

    text: str
    clauses: tuple[tuple[str, Version], ...]

    @classmethod
    def parse(cls, text: str) -> VersionSpec:
        """
        >>> spec = VersionSpec.parse("~1.2")
        >>> [spec.matches(Version.parse(v)) for v in ("1.1.9", "1.2.0", "1.2.7", "1.3.0")]
        [False, True, True, False]
        >>> VersionSpec.parse(">=1.0,<2").matches(Version.parse("1.9.9"))
        True
        """
        text = text.strip()
        clauses: list[tuple[str, Version]] = []
        if text.startswith(("~", "^")):
            low, given = _padded(text[1:])
            if text[0] == "~":
                high = _next(low, min(given, 2))  # ~1 is 1.x; ~1.2 and ~1.2.3 are 1.2.x
            else:
                high = Version(low.major + 1, 0, 0) if low.major else Version(0, low.minor + 1, 0)
            clauses = [(">=", low), ("<", high)]
        else:
            for part in text.split(","):
                match = _COMPARATOR.match(part.strip())
                if match is None:
                    raise VersionError(
                        f"{part.strip()!r} is not a version or a comparison such as >=1.0 (in {text!r})"
                    )
                op, version = match.group(1) or "==", match.group(2)
                low, given = _padded(version)
                if op in ("==", "=") and given < 3:  # "1.2" means any 1.2.x
                    clauses += [(">=", low), ("<", _next(low, given))]
                else:
                    clauses.append((op, low))
        return cls(text=text, clauses=tuple(clauses))

    def matches(self, version: Version) -> bool:
        return all(_OPS[op](version, bound) for op, bound in self.clauses)


def _next(version: Version, given: int) -> Version:
    if given <= 1:
        return Version(version.major + 1, 0, 0)
    return Version(version.major, version.minor + 1, 0)
