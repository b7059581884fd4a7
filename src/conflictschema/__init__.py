"""conflictschema: a standard record for contested incidents, and the tools to
validate datasets of such records and publish them as verifiable releases.

Users import from here; the names in ``__all__`` are the public API. They are loaded
on first use (PEP 562), so ``import conflictschema`` and ``conflictschema --version``
do not pay for Polars, Pydantic or the HTTP stack until a name that needs them is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from conflictschema.version import STANDARD_VERSION, __version__

if TYPE_CHECKING:
    from conflictschema.errors import ConflictSchemaError, ConflictSchemaWarning, ReadError
    from conflictschema.fetching import DownloadError, HashMismatchError, download, load, versions
    from conflictschema.findingcodes import Code
    from conflictschema.findings import Finding, Report
    from conflictschema.importers import ImportResult, import_
    from conflictschema.io import write
    from conflictschema.io.starter import init
    from conflictschema.models import (
        Actor,
        CasualtyReport,
        Claim,
        Dataset,
        DatasetMetadata,
        Incident,
        IncidentRecord,
        License,
        NestedCasualtyReport,
        NestedClaim,
        NestedParticipant,
        NestedTarget,
        Participant,
        Source,
        Target,
        derive_attribution_status,
        derive_statuses,
    )
    from conflictschema.publishing import (
        Diff,
        ReleaseError,
        ReleaseExistsError,
        ReleaseFolderError,
        ReleaseResult,
        RepairReport,
        page,
        release,
        repair_releases,
    )
    from conflictschema.publishing.diff import diff
    from conflictschema.validation import validate
    from conflictschema.validation.convert import convert
    from conflictschema.validation.reader import read
    from conflictschema.validation.upgrade import UpgradeResult, upgrade


#: Public name -> the module that defines it.
_WHERE: dict[str, str] = {
    "Actor": "conflictschema.models",
    "CasualtyReport": "conflictschema.models",
    "Claim": "conflictschema.models",
    "Code": "conflictschema.findingcodes",
    "convert": "conflictschema.validation.convert",
    "ConflictSchemaError": "conflictschema.errors",
    "ConflictSchemaWarning": "conflictschema.errors",
    "Dataset": "conflictschema.models",
    "DatasetMetadata": "conflictschema.models",
    "Diff": "conflictschema.publishing",
    "DownloadError": "conflictschema.fetching",
    "Finding": "conflictschema.findings",
    "HashMismatchError": "conflictschema.fetching",
    "Incident": "conflictschema.models",
    "IncidentRecord": "conflictschema.models",
    "License": "conflictschema.models",
    "NestedCasualtyReport": "conflictschema.models",
    "NestedClaim": "conflictschema.models",
    "NestedParticipant": "conflictschema.models",
    "NestedTarget": "conflictschema.models",
    "Participant": "conflictschema.models",
    "ReadError": "conflictschema.errors",
    "ReleaseError": "conflictschema.publishing",
    "ReleaseExistsError": "conflictschema.publishing",
    "ReleaseFolderError": "conflictschema.publishing",
    "ReleaseResult": "conflictschema.publishing",
    "RepairReport": "conflictschema.publishing",
    "repair_releases": "conflictschema.publishing",
    "Report": "conflictschema.findings",
    "Source": "conflictschema.models",
    "Target": "conflictschema.models",
    "derive_attribution_status": "conflictschema.models",
    "derive_statuses": "conflictschema.models",
    "upgrade": "conflictschema.validation.upgrade",
    "import_": "conflictschema.importers",
    "init": "conflictschema.io.starter",
    "ImportResult": "conflictschema.importers",
    "UpgradeResult": "conflictschema.validation.upgrade",
    "diff": "conflictschema.publishing",
    "download": "conflictschema.fetching",
    "load": "conflictschema.fetching",
    "read": "conflictschema.validation.reader",
    "page": "conflictschema.publishing",
    "release": "conflictschema.publishing",
    "validate": "conflictschema.validation",
    "versions": "conflictschema.fetching",
    "write": "conflictschema.io",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictschema' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "STANDARD_VERSION",
    "Actor",
    "CasualtyReport",
    "Claim",
    "Code",
    "ConflictSchemaError",
    "ConflictSchemaWarning",
    "Dataset",
    "DatasetMetadata",
    "Diff",
    "DownloadError",
    "Finding",
    "HashMismatchError",
    "ImportResult",
    "Incident",
    "IncidentRecord",
    "License",
    "NestedCasualtyReport",
    "NestedClaim",
    "NestedParticipant",
    "NestedTarget",
    "Participant",
    "ReadError",
    "ReleaseError",
    "ReleaseExistsError",
    "ReleaseFolderError",
    "ReleaseResult",
    "RepairReport",
    "Report",
    "Source",
    "Target",
    "UpgradeResult",
    "__version__",
    "convert",
    "derive_attribution_status",
    "derive_statuses",
    "diff",
    "download",
    "import_",
    "init",
    "load",
    "page",
    "read",
    "release",
    "repair_releases",
    "upgrade",
    "validate",
    "versions",
    "write",
]
