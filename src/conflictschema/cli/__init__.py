"""The command line: a thin shell over the library, one file per command.

Only this package prints or exits. Errors the library raises on purpose become a
message and exit status 2; nothing reaches the user as a Python traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

import typer

from conflictschema.cli.convert import convert_command
from conflictschema.cli.download import download_command, versions_command
from conflictschema.cli.importer import import_command
from conflictschema.cli.init import init_command
from conflictschema.cli.page import page_command
from conflictschema.cli.release import diff_command, release_command
from conflictschema.cli.schemas import schemas_command
from conflictschema.cli.upgrade import upgrade_command
from conflictschema.cli.validate import precommit_command, validate_command
from conflictschema.errors import ConflictSchemaError
from conflictschema.version import STANDARD_VERSION, __version__

app = typer.Typer(
    name="conflictschema",
    help="Validate, convert and publish datasets of contested incidents.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conflictschema {__version__} (standard {STANDARD_VERSION})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show versions and exit."
    ),
) -> None:
    """Validate, convert and publish datasets of contested incidents."""


app.command("init")(init_command)
app.command("validate")(validate_command)
app.command("convert")(convert_command)
app.command("upgrade")(upgrade_command)
app.command("import")(import_command)
app.command("schemas")(schemas_command)
app.command("release")(release_command)
app.command("diff")(diff_command)
app.command("page")(page_command)
app.command("download")(download_command)
app.command("versions")(versions_command)
app.command("precommit")(precommit_command)

EXIT_INTERNAL = 70


def run(args: Sequence[str] | None = None) -> int:
    """Run the command line on ``args`` (default: ``sys.argv[1:]``); return the exit status.

    Typer runs in standalone mode, so usage errors exit 2 with its own message and
    ``typer.Exit`` carries each command's status; only errors from the library and
    genuine bugs reach the handlers below, which turn them into a message, never a
    traceback: an error raised on purpose and a path the system refuses (an ``OSError``,
    named with its path) exit 2, anything else is a bug and exits 70. Tests call this
    in-process; ``main`` is the console entry point.
    """
    try:
        app(args=None if args is None else list(args), prog_name="conflictschema")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except ConflictSchemaError as exc:
        typer.echo(f"conflictschema: {exc}", err=True)
        return 2
    except OSError as exc:  # a path that cannot be read or written: the user's to fix
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"conflictschema: {where}{exc.strerror or exc}", err=True)
        return 2
    except Exception as exc:  # a bug: say so plainly instead of dumping a traceback
        typer.echo(
            f"conflictschema: internal error ({type(exc).__name__}: {exc}); please report this",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


#: The exit status Python gives a process whose output could not be flushed at exit.
EXIT_UNFLUSHED = 120
#: New objects between two runs of Python's cycle collector (700 by default).
COLLECT_AFTER = 200_000


def main() -> None:
    """Console entry point, tuned for a process that lives for one command.

    The cycle collector runs less often: at its default pace it walks the objects of
    Typer, Polars, Pydantic and NumPy again and again as they are imported (179 runs,
    0.05-0.07 s of the bundled dataset's validation), and a large command's
    collections cost about the same either way.

    The process ends as soon as its output is flushed: a normal exit frees every object
    the command made and tears down the libraries, which is a tenth of a second for the
    bundled dataset, and the system takes the memory back at once anyway (mypy ends the
    same way). Every command has finished its work by then: files are closed and moved
    into place, worker threads joined, temporary folders removed.
    """
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    status = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (``| head``) or a closed stream
        status = status or EXIT_UNFLUSHED
    os._exit(status)
