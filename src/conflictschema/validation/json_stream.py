"""Reading a JSON document a block at a time: its metadata, then each record of its
top-level lists, one at a time, with the line it starts on.

A dataset document of a million incidents is several gigabytes of text, and as one
parsed value it would take many times that in memory. Here only one block of text
(:data:`READ_BLOCK` bytes) and the record being decoded are held: each value is
decoded by the json module's own decoder (``raw_decode``), so what is accepted and
what is refused, and the messages, are the json module's, as if the whole text had
been parsed at once. A single value larger than :data:`MAX_VALUE_CHARS` is refused,
so that no input can make the reader hold an unbounded text.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

#: How many bytes are read and decoded at a time.
READ_BLOCK = 1 << 24
#: The longest single value (a record, or a metadata value) read, in characters.
MAX_VALUE_CHARS = 1 << 29
#: How close to the end of the text read so far an error (or a number's end) must lie
#: to be possibly a value cut by the block's end: the longest token the decoder can
#: stop inside is an escaped surrogate pair (12 characters).
_CUT_MARGIN = 16
_SPACE = re.compile(r"[ \t\n\r]*")


class JsonStreamError(ValueError):
    """The text is not the JSON expected, at ``line``; or it could not be decoded."""

    def __init__(self, message: str, line: int | None = None, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        #: the byte offset of text that is not UTF-8
        self.offset = offset


class Utf8:
    """Bytes to text a piece at a time, a leading BOM dropped (as ``utf-8-sig`` does);
    text that is not UTF-8 is a JsonStreamError with its byte offset in the whole input."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._fed = 0
        self._start = True

    def decode(self, data: bytes, final: bool = False) -> str:
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            pending = len(self._decoder.getstate()[0])  # bytes held from the piece before
            offset = self._fed - pending + exc.start
            raise JsonStreamError(f"not UTF-8: {exc.reason}", offset=offset) from None
        self._fed += len(data)
        if self._start and text:
            self._start = False
            text = text.removeprefix("\ufeff")
        return text


class TooLargeError(JsonStreamError):
    """A value (or a JSONL line) longer than the reader takes."""


class NotAnObjectError(JsonStreamError):
    """The text is JSON, but not the object a dataset document is."""


class JsonText:
    """A binary file's UTF-8 text (a leading BOM dropped), held a block at a time.

    ``pos`` is where reading stands in ``text``; text before it is let go when more is
    read, and the lines it held are counted, so :meth:`line` is the line of any
    position at or after ``pos``."""

    def __init__(
        self,
        handle: BinaryIO,
        parse_int: Callable[[str], Any] | None = None,
        block: int | None = None,
        max_value: int | None = None,
    ) -> None:
        self._handle = handle
        self._block = block or READ_BLOCK
        self._max_value = max_value or MAX_VALUE_CHARS
        self._utf8 = Utf8()
        self._json = json.JSONDecoder(parse_int=parse_int)
        self.text = ""
        self.pos = 0
        self.eof = False
        self._counted_to = 0  # a position in text up to which lines are counted
        self._lines = 1  # the line of that position

    def more(self, wanted: int = 0) -> bool:
        """Read at least ``wanted`` more bytes (a block, at least); False at the end."""
        if self.eof:
            return False
        self.line(self.pos)  # count the lines of the text let go
        self.text = self.text[self.pos :]
        self._counted_to -= self.pos
        self.pos = 0
        data = self._handle.read(max(self._block, wanted))
        self.text += self._utf8.decode(data, final=not data)
        self.eof = not data
        return True

    def line(self, at: int) -> int:
        """The line (from 1) of position ``at`` of ``text`` (no earlier than the last asked)."""
        self._lines += self.text.count("\n", self._counted_to, at)
        self._counted_to = at
        return self._lines

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), moving up to it."""
        while True:
            next_char = self.text[self.pos : self.pos + 1]
            if next_char and next_char not in " \t\n\r":
                return next_char
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos : self.pos + 1]

    def take(self, char: str, expected: str) -> None:
        """Step over ``char`` (the next character that is not space), or raise."""
        if self.peek() != char:
            raise self.error(expected, self.pos)
        self.pos += 1

    def closes(self, closing: str) -> bool:
        """Step over what follows a member of an object or array: True for ``closing``,
        False for a comma (another member follows); anything else is an error."""
        after = self.peek()
        self.pos += 1
        if after == closing:
            return True
        if after != ",":
            raise self.error("Expecting ',' delimiter", self.pos - 1)
        return False

    def value(self) -> Any:
        """Decode the JSON value that starts here, reading on while it may be cut."""
        self.peek()
        while True:
            try:
                value, end = self._json.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or (
                    exc.pos >= len(self.text) - _CUT_MARGIN
                )
                if not (cut and self._read_on()):
                    raise self.error(exc.msg, exc.pos) from None
                continue
            except RecursionError:
                raise self.error("nested too deeply", self.pos) from None
            # a number the text ends near may go on ("5." may be 5.9, "1e" 1e+16)
            if end <= len(self.text) - _CUT_MARGIN or not self._read_on():
                self.pos = end
                return value

    def _read_on(self) -> bool:
        """Read more of a value that has not ended yet; False at the end of the text."""
        if len(self.text) - self.pos > self._max_value:
            message = f"a value longer than {self._max_value} characters, more than is read"
            raise TooLargeError(message, self.line(self.pos))
        return self.more(len(self.text) - self.pos)

    def error(self, message: str, at: int) -> JsonStreamError:
        return JsonStreamError(message, self.line(max(at, self._counted_to)))


@dataclass
class Item:
    """One record of a top-level list: the list's key, its index, its line, its value."""

    key: str
    index: int
    line: int
    value: Any


def walk_document(
    text: JsonText, lists: frozenset[str], on_list: Callable[[str], None] | None = None
) -> Iterator[tuple[str, Any] | Item]:
    """The members of a JSON object document, in order: ``(key, value)`` for each one,
    except the members in ``lists`` whose value is an array, whose records come one
    :class:`Item` at a time (``on_list(key)`` is called as such an array opens).

    Raises JsonStreamError where the text is not a single JSON object, with the json
    module's message, and for a key of ``lists`` given twice (which record would
    count is then a matter of which reader reads it)."""
    if text.peek() != "{":
        text.value()  # the json module's verdict on whatever else it is
        if text.peek():
            raise text.error("Extra data", text.pos)
        raise NotAnObjectError("a dataset document must be a JSON object")
    text.pos += 1
    seen: set[str] = set()
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            if text.peek() != '"':
                raise text.error("Expecting property name enclosed in double quotes", text.pos)
            key = text.value()
            text.take(":", "Expecting ':' delimiter")
            if key in lists and text.peek() == "[":
                if key in seen:
                    raise text.error(f"{key!r} is given twice", text.pos)
                seen.add(key)
                if on_list is not None:
                    on_list(key)
                yield from _items(text, key)
            else:
                yield key, text.value()
            if text.closes("}"):
                break
    if text.peek():
        raise text.error("Extra data", text.pos)


def _items(text: JsonText, key: str) -> Iterator[Item]:
    text.pos += 1  # the array's "["
    if text.peek() == "]":
        text.pos += 1
        return
    index = 0
    while True:
        text.peek()
        line = text.line(text.pos)
        yield Item(key, index, line, text.value())
        index += 1
        if text.closes("]"):
            return
