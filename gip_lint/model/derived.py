"""Values a frozen model object works out from its fields when first asked, then keeps."""

from __future__ import annotations

import attrs


class derived:
    """A value worked out from the frozen fields when first asked, then kept: like
    ``functools.cached_property``, for slotted attrs classes (Section, Report), in the hidden field
    ``_<name>`` (declared with :func:`kept`: out of ``__init__``, equality, hashing, repr and the
    pickled state — a copy works it out again).

    Not ``functools.cached_property``: on a slotted class attrs supports it by adding a
    ``__getattr__``, and that makes every attribute read of the class unspecialised — 2.3 times
    slower in a micro-benchmark, ≈ 10 % more instructions in the rules (the model is read
    field by field by every rule).  A value is never None (None marks "not yet").
    """

    def __init__(self, compute) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.field = "_" + name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, self.field)
        if value is None:
            value = self.compute(instance)
            object.__setattr__(instance, self.field, value)  # (frozen: set past attrs' guard)
        return value


def kept():
    """The hidden field a :class:`derived` value is kept in."""
    return attrs.field(init=False, default=None, eq=False, repr=False, hash=False, metadata={"derived": True})


def pickled_without_derived(cls):
    """Leave the kept values out of ``cls``'s pickled state (``-j`` workers, Dask)."""
    getstate = cls.__getstate__
    kept = [field.name for field in attrs.fields(cls) if field.metadata.get("derived")]

    def __getstate__(self) -> dict:
        state = getstate(self)
        for name in kept:
            state[name] = None
        return state

    cls.__getstate__ = __getstate__
    return cls
