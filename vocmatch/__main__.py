"""``python -m vocmatch`` runs the CLI."""

from vocmatch.cli import main

main()
