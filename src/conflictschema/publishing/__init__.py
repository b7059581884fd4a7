"""Publishing datasets as versioned, reproducible, verifiable releases."""

from conflictschema.publishing.diff import Diff, diff, diff_datasets
from conflictschema.publishing.publish import (
    ReleaseError,
    ReleaseExistsError,
    ReleaseResult,
    release,
)
from conflictschema.semver import Bump, Version, VersionError

__all__ = [
    "Bump",
    "Diff",
    "ReleaseError",
    "ReleaseExistsError",
    "ReleaseResult",
    "Version",
    "VersionError",
    "diff",
    "diff_datasets",
    "release",
]
