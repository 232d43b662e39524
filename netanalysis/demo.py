"""The demo municipality "Gemeente Voorbeeldstad": a seeded, deterministic generator.

About 250 fictional stakeholders (civil servants, residents, businesses,
organisations and initiatives) in six wijken, with ten themes, and their
relations. The network looks like a real municipality (departments, wijken,
brokers, a few loose ends) and has structure planted on purpose, so that the
analysis pages have something known to find. :func:`ground_truth` names it:

* ``verbinders``: civil servants who tie departments to society across wijken
  (highest betweenness, lowest constraint among civil servants);
* ``silos``: two dense groups with a single tie between them;
* ``isolated_initiatives``: initiatives with no path to any civil servant;
* ``single_contact``: initiatives that reach the municipality only through
  one civil servant (an articulation point);
* ``should_meet``: pairs in the same wijk sharing two themes, three or more
  steps apart.

Ids are stable and short: ``A01`` civil servants (ambtenaren), ``B001``
residents (bewoners), ``C01`` businesses, ``O01`` organisations and ``I01``
initiatives. All names are fictional.

Run ``python -m netanalysis.demo data/`` to regenerate the CSV files and the
ground truth in ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .demo_cast import AREAS, THEMES
from .demo_generator import DemoGenerator
from .network import StakeholderNetwork
from .schema import RELATION_COLUMNS, STAKEHOLDER_COLUMNS

__all__ = [
    "DEFAULT_SEED",
    "DEMO_NAME",
    "AREAS",
    "THEMES",
    "build_demo",
    "ground_truth",
    "write_demo",
    "main",
]

DEFAULT_SEED = 2026
DEMO_NAME = "Gemeente Voorbeeldstad"


def _generate(seed: int) -> DemoGenerator:
    generator = DemoGenerator(int(seed))
    generator.build()
    return generator


def build_demo(seed: int = DEFAULT_SEED) -> StakeholderNetwork:
    """The demo municipality "Gemeente Voorbeeldstad" as a network.

    Parameters
    ----------
    seed : int
        Seed of the generator; the same seed gives the same network on every
        run and machine.

    Returns
    -------
    StakeholderNetwork
        About 250 fictional stakeholders of all five types in six wijken,
        with the structure described by :func:`ground_truth`.

    Examples
    --------
    >>> net = build_demo()
    >>> net.name, len(net)
    ('Gemeente Voorbeeldstad', 250)
    >>> build_demo().fingerprint() == net.fingerprint()
    True
    """
    generator = _generate(seed)
    return StakeholderNetwork.from_tables(generator.stakeholder_rows(), generator.relations, name=DEMO_NAME)


def ground_truth(seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """The structure planted in the demo network, for tests and for the tour.

    Parameters
    ----------
    seed : int
        The seed the network was built with.

    Returns
    -------
    dict
        ``verbinders``: list of civil servant ids;
        ``silos``: list of ``{"label": str, "members": [ids]}``;
        ``isolated_initiatives``: list of initiative ids;
        ``single_contact``: list of ``{"initiative": id, "civil_servant": id}``;
        ``should_meet``: list of ``[id, id]`` pairs.

    Examples
    --------
    >>> truth = ground_truth()
    >>> sorted(truth)
    ['isolated_initiatives', 'should_meet', 'silos', 'single_contact', 'verbinders']
    >>> truth["verbinders"]
    ['A01', 'A02', 'A03']
    """
    return _generate(seed).truth()


def _cell(value: Any) -> str:
    """A CSV cell: empty for missing, ``;``-joined lists, integers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def _write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    columns = list(columns)
    # utf-8-sig writes the BOM that Excel needs to read the accents (ë, é, ĳ) correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])


def write_demo(directory: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``stakeholders.csv``, ``relations.csv`` and ``ground_truth.json``.

    The CSV files are UTF-8 with a BOM, ``,``-separated, with the English
    canonical headers; themes are joined with ``;`` and missing values are
    empty cells.

    Parameters
    ----------
    directory : str or Path
        Where to write; created if missing.
    seed : int
        Seed of the generator.

    Returns
    -------
    list of Path
        The files written.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    generator = _generate(seed)
    stakeholders = directory / "stakeholders.csv"
    relations = directory / "relations.csv"
    truth = directory / "ground_truth.json"
    _write_csv(stakeholders, STAKEHOLDER_COLUMNS, generator.stakeholder_rows())
    _write_csv(relations, RELATION_COLUMNS, generator.relations)
    truth.write_text(json.dumps(generator.truth(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [stakeholders, relations, truth]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m netanalysis.demo DIRECTORY [--seed N]``."""
    parser = argparse.ArgumentParser(description=f"Write the demo network '{DEMO_NAME}' as CSV files.")
    parser.add_argument("directory", nargs="?", default="data", help="output directory (default: data)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default: {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    for path in write_demo(args.directory, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
