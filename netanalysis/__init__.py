"""Netwerkkaart's analysis library: stakeholder networks of Dutch municipalities.

A pure library: it never imports streamlit, so it works from a notebook, a
script or the command line (``python -m netanalysis``). Import the modules
you need, e.g. ``from netanalysis import io, centrality``.
"""

from .network import StakeholderNetwork

__all__ = ["StakeholderNetwork", "__version__"]
__version__ = "0.1.0"
