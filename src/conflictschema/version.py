"""The two versions this package carries, kept apart on purpose.

``__version__`` is the version of the software; ``STANDARD_VERSION`` is the
version of the contested-incident record that the software implements. A dataset
names the standard version it conforms to, so a bug-fix release of the tool never
looks like a change to the data standard, and the reverse.
"""

__version__ = "0.3.0"
STANDARD_VERSION = "0.4.0"

#: Every version of the standard this package has implemented, oldest first: data in
#: any of them is read (older ones through upgraders, see conflictschema.models.history).
KNOWN_STANDARDS: tuple[str, ...] = ("0.1.0", "0.2.0", "0.3.0", STANDARD_VERSION)

#: The (major, minor) standard versions this package reads. Within one of them a newer
#: patch only clarifies wording, so any patch number is accepted.
READABLE_STANDARDS: tuple[tuple[int, int], ...] = tuple(
    (int(v.split(".")[0]), int(v.split(".")[1])) for v in KNOWN_STANDARDS
)


def standard_key(version: str) -> tuple[int, int] | None:
    """(major, minor) of a MAJOR.MINOR.PATCH version; None when it is not one."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1])


def standard_readable(version: str) -> bool:
    """Whether data declaring ``version`` of the standard can be read by this package."""
    return standard_key(version) in READABLE_STANDARDS
