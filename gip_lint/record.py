"""A plain immutable value class for the small records outside the document model.

An attrs class costs ≈0.5 ms to create at import (it generates and compiles ``__init__``,
``__repr__``, ``__eq__``, ``__hash__``): paid by every cold ``gip-lint check`` for each class
on its path.  The document model and the public API a plugin touches (``Rule``, ``Finding``,
``Diagnostic``, ``Context``, ``PluginSet``) stay attrs classes; internal records
subclass :class:`Record` instead: ``__slots__`` names the fields in order, ``__init__`` stores
them with :meth:`_set`, and equality, hashing, ``repr``, immutability and pickling (``-j``
workers send results back) behave as an ``attrs.frozen`` class's do.
"""

from __future__ import annotations


class Record:
    __slots__ = ()

    def _set(self, **values) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def __setattr__(self, name, value):
        raise AttributeError(f"{self.__class__.__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"{self.__class__.__name__} is immutable: cannot delete {name!r}")

    def __reduce__(self):
        return self.__class__, self._values()
