"""Readers per format family, each turning bytes into :class:`Found` tables.

* :mod:`.text`: CSV, Pajek ``.net``, UCINET DL;
* :mod:`.spreadsheets`: XLSX, ODS, XLS (calamine), with the zip-bomb checks;
* :mod:`.graphs`: GraphML, GEXF, GML.

None of them raises on a bad file: problems are in ``Found.problems``.
"""

from .tables import Found, Table

__all__ = ["Found", "Table"]
