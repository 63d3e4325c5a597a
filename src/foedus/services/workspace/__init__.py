"""The negotiation workspace's use cases: one function per user action, each taking a unit
of work (see :mod:`foedus.services.ports`) and the acting user.

Access rules live here, not in the web layer: internal material — positions, red lines,
internal comments, internal notes on proposals — is only ever returned to members of its own
delegation (see :mod:`.access`).
"""
