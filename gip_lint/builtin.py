"""The built-in plugin: gip-lint's own rules, readers and formatters.

Registered through the ``gip_lint`` entry-point group like any third-party plugin; modules
are imported only when their hook is called, so ``--version`` stays fast.
"""

from __future__ import annotations

from gip_lint.hookspecs import hookimpl


@hookimpl
def gip_lint_rules():
    from gip_lint.rules import arithmetic, deadline, fee, structure, year, yoy
    from gip_lint.rules.prose import (
        gip501_number_mismatch, gip502_percentage, gip503_upheld_claim, gip504_organ_name_typo,
        gip505_enumeration_sequence,
    )

    prose = (gip501_number_mismatch, gip502_percentage, gip503_upheld_claim, gip504_organ_name_typo,
             gip505_enumeration_sequence)
    modules = (structure, arithmetic, fee, year, deadline, *prose, yoy)
    from gip_lint.rule import Rule

    return [value for module in modules for value in vars(module).values() if isinstance(value, Rule)]


@hookimpl
def gip_lint_readers():
    from gip_lint.readers import BUILTIN_READERS

    return list(BUILTIN_READERS)


@hookimpl
def gip_lint_formatters():
    from gip_lint.formatters import BUILTIN_FORMATTERS

    return list(BUILTIN_FORMATTERS)
