"""Comparing agreements: provision alignment across two texts (alignment.py), the portfolio
matrix of many agreements side by side (dimensions.py, matrix.py), the check of a draft
against a template of required elements (template.py), and the place of an agreement among
the historical alliances coded by ATOP (atop_codes.py, history.py).

Imports only ``foedus.domain`` and ``foedus.analysis``; data files are read on first use.
"""
