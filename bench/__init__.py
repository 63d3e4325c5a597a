"""Benchmarks and evaluations of foedus; each module runs with `python -m bench.<name>`."""
