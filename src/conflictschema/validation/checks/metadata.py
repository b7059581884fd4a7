"""The dataset's own description: name, version, licences, standard version."""

from __future__ import annotations

from pydantic import ValidationError

from conflictschema.findingcodes import Code
from conflictschema.findings import Finding
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.rules import code_of
from conflictschema.validation.context import CheckContext
from conflictschema.version import STANDARD_VERSION


def check_metadata(ctx: CheckContext) -> None:
    loaded = ctx.loaded
    if loaded.metadata is None or loaded.metadata_file is None:
        return
    if not loaded.standard.is_current:
        ctx.findings.append(
            Finding(
                code=Code.OLD_STANDARD,
                message=f"the data follows standard {loaded.metadata.get('standard_version')}; it "
                f"is checked by that version's rules and read as standard {STANDARD_VERSION}. "
                f"Run `conflictschema upgrade` to rewrite it in {STANDARD_VERSION}",
                file=loaded.metadata_file,
                field="standard_version",
                value=str(loaded.metadata.get("standard_version")),
            )
        )
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
