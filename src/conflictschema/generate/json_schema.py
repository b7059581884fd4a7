"""Models -> JSON Schema for the nested incident document and the dataset document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from conflictschema.models.dataset import Dataset, IncidentRecord
from conflictschema.version import STANDARD_VERSION

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[BaseModel], name: str, title: str) -> dict[str, Any]:
    body = model.model_json_schema(mode="validation")
    body.pop("title", None)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        # A URN, not a URL: the standard does not depend on any web host staying up.
        "$id": f"urn:conflictschema:standard:{STANDARD_VERSION}:{name}",
        "title": title,
        "x-standard-version": STANDARD_VERSION,
        **body,
    }


def generate_incident_schema() -> dict[str, Any]:
    """JSON Schema of one nested incident document (a line of incidents.jsonl)."""
    return _schema(IncidentRecord, "incident", "conflictschema incident document")


def generate_dataset_schema() -> dict[str, Any]:
    """JSON Schema of a whole dataset document (dataset.json)."""
    return _schema(Dataset, "dataset", "conflictschema dataset document")
