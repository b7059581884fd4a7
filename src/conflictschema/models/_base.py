"""The base every record model shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CSModel(BaseModel):
    """Base model: unknown fields are errors, so a renamed column never passes silently.

    ``use_enum_values`` is off: fields hold the code enums, which compare equal to
    their string codes, and ``model_dump(mode="json")`` writes the codes.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_attribute_docstrings=False,
    )
