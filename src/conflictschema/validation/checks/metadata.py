"""The dataset's own description: name, version, licences, standard version."""

from __future__ import annotations

from pydantic import ValidationError

from conflictschema.findingcodes import Code
from conflictschema.findings import Finding
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.rules import code_of
from conflictschema.validation.context import CheckContext


def check_metadata(ctx: CheckContext) -> None:
    loaded = ctx.loaded
    if loaded.metadata is None or loaded.metadata_file is None:
        return
    try:
        DatasetMetadata.model_validate(loaded.metadata, strict=False)
    except ValidationError as exc:
        for error in exc.errors():
            value = error.get("input")
            ctx.findings.append(
                Finding(
                    code=code_of(error) or Code.METADATA,
                    message=error["msg"],
                    file=loaded.metadata_file,
                    field=".".join(str(p) for p in error["loc"]) or None,
                    value=value if isinstance(value, (str, int, float)) else None,
                )
            )
