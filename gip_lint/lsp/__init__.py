"""The language server behind ``gip-lint lsp`` (optional extra ``gip-lint[lsp]``).

:mod:`~gip_lint.lsp.positions` and :mod:`~gip_lint.lsp.documents` are plain Python (no pygls),
so the position arithmetic and the linting of an editor buffer are usable and testable without
the extra; :mod:`~gip_lint.lsp.server` wires them to pygls.
"""
