"""The garbage collector during start-up.

A cold ``gip-lint check`` allocates some 100,000 objects before it reads a report (modules,
classes, rules, compiled patterns), all of which live until the process exits.  The cyclic
collector runs dozens of times over them and finds almost nothing (≈1,500 objects in a
whole check of one report), then scans them all once more at exit: ≈6 % of the
instructions of a one-report check.  The command line pauses the collector while it starts
and resumes it before linting; ``gc.freeze()`` moves the start-up objects out of the
collector's view (later collections and the final one skip them; forked ``-j`` workers do
not touch, and so do not copy, their pages – what the ``gc`` documentation advises before
``fork``).  Library use is unaffected: nothing is paused unless :func:`pause` was called,
and only the first start-up of a process is frozen (a program calling ``cli.main`` many
times, such as a test session, does not keep freezing what it allocates in between).
"""

from __future__ import annotations

import gc

_paused = False
_started = False


def pause() -> None:
    """Stop automatic collection until :func:`resume` (called by ``gip-lint`` at start)."""
    global _paused, _started
    if _started:
        return
    _started = True
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Start-up is over: freeze what it made and collect as usual from here on."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
