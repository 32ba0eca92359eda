"""Regular expressions compiled on first use, not at import.

The prose rules hold a few dozen patterns; compiling them at import cost ≈10 ms of every cold
``gip-lint check``, also for reports (or runs with ``--select``) that never reach them.
Measured again (issue 15, callgrind, ``PYTHONHASHSEED=0``): a cold ``gip-lint check`` of a
seed report takes 656 M instructions with these patterns lazy and 683 M with every one of
them compiled at import (``re.compile`` in the nine modules that use this one) — 4 % more,
where repeated runs agree to the instruction (without a fixed hash seed, within ±0.2 %): so
they stay lazy.
"""

from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiles on the first attribute used.

    After that the compiled pattern's methods are instance attributes, so a call costs what
    it costs on the compiled pattern itself.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.pattern, self.flags, self.groups, self.groupindex = (
            compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
