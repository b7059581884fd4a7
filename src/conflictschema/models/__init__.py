"""The contested-incident record as Pydantic models: the single source of truth."""

from conflictschema.models.actor import Actor
from conflictschema.models.attribution import derive_attribution_status, derive_statuses
from conflictschema.models.claim import Claim, NestedClaim
from conflictschema.models.codes import (
    Access,
    ActorKind,
    AttributionStatus,
    ClaimType,
    CodeList,
    Credibility,
    DatePrecision,
    GeoPrecision,
    IncidentStatus,
    Method,
    Reliability,
    ResponsibilityStatus,
    SourceType,
    TargetType,
)
from conflictschema.models.columns import TABLE_MODELS, Column, columns
from conflictschema.models.dataset import Dataset, DatasetMetadata, IncidentRecord, License
from conflictschema.models.incident import Incident
from conflictschema.models.source import Source
from conflictschema.models.target import NestedTarget, Target

__all__ = [
    "TABLE_MODELS",
    "Access",
    "Actor",
    "ActorKind",
    "AttributionStatus",
    "Claim",
    "ClaimType",
    "CodeList",
    "Column",
    "Credibility",
    "Dataset",
    "DatasetMetadata",
    "DatePrecision",
    "GeoPrecision",
    "Incident",
    "IncidentRecord",
    "IncidentStatus",
    "License",
    "Method",
    "NestedClaim",
    "NestedTarget",
    "Reliability",
    "ResponsibilityStatus",
    "Source",
    "SourceType",
    "Target",
    "TargetType",
    "columns",
    "derive_attribution_status",
    "derive_statuses",
]
