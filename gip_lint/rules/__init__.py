"""The built-in rules, one module per theme; registered by :mod:`gip_lint.builtin`."""
