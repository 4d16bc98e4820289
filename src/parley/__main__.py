"""`python -m parley` runs the command-line interface."""

from parley.cli.main import main

main()
