"""The two versions this package carries, kept apart on purpose.

``__version__`` is the version of the software; ``STANDARD_VERSION`` is the
version of the contested-incident record that the software implements. A dataset
names the standard version it conforms to, so a bug-fix release of the tool never
looks like a change to the data standard, and the reverse.
"""

__version__ = "0.1.0"
STANDARD_VERSION = "0.1.0"
