"""gip-lint-henan: what Henan requires of an annual report beyond the national format.

A gip-lint plugin: the entry point ``henan`` (group ``gip_lint``) names this module, and
gip-lint calls its hooks.  Rules carry the prefix ``HA``.
"""

from __future__ import annotations

from gip_lint.hookspecs import hookimpl

__version__ = "0.1.0"


@hookimpl
def gip_lint_rules():
    from gip_lint_henan import rules

    return [rules.fee_amount_in_yuan, rules.basic_level_standardisation, rules.disclosure_office_contact]
