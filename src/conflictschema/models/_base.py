"""The base every record model shares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from conflictschema.findingcodes import Code
from conflictschema.models.rules import RuleBreach, raise_breaches
from conflictschema.models.rulespec import breaches
from conflictschema.models.types import EXTENSION_PATTERN, is_extension


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


class SharedFieldsSet(set[str]):
    """The ``model_fields_set`` records read together share: every record of a table
    read by :func:`conflictschema.read` has every field set, so one set serves them all
    instead of a copy per record (a third of the memory of a read dataset). A record
    takes its own copy before a value is assigned to it (``RecordModel.__setattr__``),
    so an assignment to one record never shows in another's ``model_fields_set``."""


class RecordModel(CSModel):
    """A row of a table: its fields, and any extension fields ``x_<name>`` holding text.

    A row obeys the record rules of its table (``rules_table``, declared once in
    :mod:`conflictschema.models.rulespec`, which the validator runs on whole tables).

    Extension fields carry what a dataset records beyond the standard (an importer's
    ``x_acled_inter1``); they are kept unchanged and checked by no rule. Any other
    unknown field is still an error.
    """

    #: The table whose record rules the row obeys; None for a table without any.
    rules_table: ClassVar[str | None] = None

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "patternProperties": {EXTENSION_PATTERN: {"type": ["string", "null"]}},
            "additionalProperties": False,
        },
    )

    def __setattr__(self, name: str, value: Any) -> None:
        # Pydantic adds the assigned name to the fields set in place: a shared one is
        # copied first, so the name is added to this record's alone
        fields_set = self.__pydantic_fields_set__
        if type(fields_set) is SharedFieldsSet:
            object.__setattr__(self, "__pydantic_fields_set__", set(fields_set))
        super().__setattr__(name, value)

    @model_validator(mode="after")
    def _check_extensions(self) -> Any:
        for key, value in (self.__pydantic_extra__ or {}).items():
            if not is_extension(key):
                raise PydanticCustomError(
                    "extra_forbidden",
                    "unexpected field {key}; extension fields are named " + EXTENSION_PATTERN,
                    {"key": key[:100]},
                )
            if value is not None and not isinstance(value, str):
                raise PydanticCustomError(
                    Code.TYPE_ERROR.value,
                    "extension field {key} holds text, not {kind}",
                    {"key": key, "kind": type(value).__name__},
                )
        return self

    @model_validator(mode="after")
    def _check_rules(self) -> Any:
        raise_breaches(type(self).__name__, self._rule_breaches())
        return self

    def _rule_breaches(self) -> Iterator[RuleBreach]:
        if self.rules_table is not None:
            yield from breaches(self.rules_table, self.__dict__)

    @property
    def extensions(self) -> dict[str, str | None]:
        """The record's extension fields, by name."""
        return dict(self.__pydantic_extra__ or {})
