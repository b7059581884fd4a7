"""The two versions this package carries, kept apart on purpose.

``__version__`` is the version of the software; ``STANDARD_VERSION`` is the
version of the contested-incident record that the software implements. A dataset
names the standard version it conforms to, so a bug-fix release of the tool never
looks like a change to the data standard, and the reverse.
"""

__version__ = "0.1.0"
STANDARD_VERSION = "0.1.0"

#: The (major, minor) standard versions this package reads. Within one of them a newer
#: patch only clarifies wording, so any patch number is accepted.
READABLE_STANDARDS: tuple[tuple[int, int], ...] = ((0, 1),)


def standard_readable(version: str) -> bool:
    """Whether data declaring ``version`` of the standard can be read by this package."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    return (int(parts[0]), int(parts[1])) in READABLE_STANDARDS
