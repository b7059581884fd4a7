"""Publishing datasets as versioned, reproducible, verifiable releases."""

from conflictschema.publishing.diff import Diff, diff, diff_datasets
from conflictschema.publishing.outdir import RepairReport
from conflictschema.publishing.outdir import repair as repair_releases
from conflictschema.publishing.publish import (
    ReleaseError,
    ReleaseExistsError,
    ReleaseFolderError,
    ReleaseResult,
    release,
)
from conflictschema.publishing.publish import preview_page as page
from conflictschema.semver import Bump, Version, VersionError

__all__ = [
    "Bump",
    "Diff",
    "ReleaseError",
    "ReleaseExistsError",
    "ReleaseFolderError",
    "ReleaseResult",
    "RepairReport",
    "Version",
    "VersionError",
    "diff",
    "diff_datasets",
    "page",
    "release",
    "repair_releases",
]
