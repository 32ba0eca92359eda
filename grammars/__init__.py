"""The Lark grammar of a report (``report.lark``), shipped inside the wheel as ``gip_lint.grammars``."""
