"""Presenting results to people: terminal summaries (Rich) and, later, HTML reports. An edge
layer beside ``cli`` and ``web``: it reads the domain and analysis results, never storage."""
