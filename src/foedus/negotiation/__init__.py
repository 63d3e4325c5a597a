"""Package-deal analytics on numbers: the utility space (space.py), the exact Pareto frontier
(pareto.py, with the MILP fallback in milp.py), bargaining solutions (bargaining.py), the
standing of the current package and the trades that improve it (trades.py), and the numbers
behind elicitation and estimation (elicitation.py). Imports only ``foedus.domain``."""
