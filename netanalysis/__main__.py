"""``python -m netanalysis``: see :mod:`netanalysis.cli`."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
