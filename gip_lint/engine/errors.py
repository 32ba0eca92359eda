"""The error every layer may raise for a mistake in how gip-lint was called.

Here rather than in the command line so that the engine and the formatters can raise it
without importing :mod:`gip_lint.cli`; the command line turns it into exit status 2.
"""


class UsageError(Exception):
    """A mistake in how gip-lint was called (exit 2, message on stderr)."""
