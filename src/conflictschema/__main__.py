"""`python -m conflictschema` runs the command line."""

from conflictschema.cli import main

main()
