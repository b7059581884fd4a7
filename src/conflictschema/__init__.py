"""conflictschema: a standard record for contested incidents, and the tools to
validate datasets of such records and publish them as verifiable releases.

Users import from here; the names in ``__all__`` are the public API.
"""

from conflictschema.errors import ConflictSchemaError, ConflictSchemaWarning, Problem, ReadError
from conflictschema.fetching import DownloadError, HashMismatchError, download, load, versions
from conflictschema.io import read, write
from conflictschema.models import (
    Actor,
    Claim,
    Dataset,
    DatasetMetadata,
    Incident,
    IncidentRecord,
    License,
    NestedClaim,
    NestedTarget,
    Source,
    Target,
    derive_attribution_status,
)
from conflictschema.publishing import (
    Diff,
    ReleaseError,
    ReleaseExistsError,
    ReleaseResult,
    diff,
    release,
)
from conflictschema.validation import Finding, Report, validate
from conflictschema.version import STANDARD_VERSION, __version__

__all__ = [
    "STANDARD_VERSION",
    "Actor",
    "Claim",
    "ConflictSchemaError",
    "ConflictSchemaWarning",
    "Dataset",
    "DatasetMetadata",
    "Diff",
    "DownloadError",
    "Finding",
    "HashMismatchError",
    "Incident",
    "IncidentRecord",
    "License",
    "NestedClaim",
    "NestedTarget",
    "Problem",
    "ReadError",
    "ReleaseError",
    "ReleaseExistsError",
    "ReleaseResult",
    "Report",
    "Source",
    "Target",
    "__version__",
    "derive_attribution_status",
    "diff",
    "download",
    "load",
    "read",
    "release",
    "validate",
    "versions",
    "write",
]
