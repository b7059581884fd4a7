"""The dataset's own description: name, version, licences, standard version."""

from __future__ import annotations

from pydantic import ValidationError

from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.rules import RULES
from conflictschema.validation.checks.structure import stable_code
from conflictschema.validation.context import CheckContext
from conflictschema.validation.findings import Finding, shown_value


def check_metadata(ctx: CheckContext) -> None:
    loaded = ctx.loaded
    if loaded.metadata is None or loaded.metadata_file is None:
        return
    try:
        DatasetMetadata.model_validate(loaded.metadata, strict=False)
    except ValidationError as exc:
        for error in exc.errors():
            code = stable_code(error["type"])
            code = code if code in RULES else "invalid"
            value = error.get("input")
            ctx.findings.append(
                Finding(
                    code=code,
                    severity=RULES[code].severity,
                    message=error["msg"],
                    file=loaded.metadata_file,
                    field=".".join(str(p) for p in error["loc"]) or None,
                    value=shown_value(value) if isinstance(value, (str, int, float)) else None,
                )
            )
