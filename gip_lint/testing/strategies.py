"""Hypothesis strategies for reports (requires ``hypothesis``; see gip_lint.testing.synth)."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from gip_lint.testing.synth import Layout, SynthReport, random_report


@st.composite
def reports(draw, small: bool | None = None) -> SynthReport:
    """A random valid report (every identity of spec §5 holds)."""
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    is_small = draw(st.booleans()) if small is None else small
    return random_report(random.Random(seed), small=is_small)


def layouts(style=st.sampled_from(("seed", "compact", "markdown", "web"))) -> st.SearchStrategy[Layout]:
    """The ways real reports print the same content."""
    return st.builds(
        Layout,
        style=style,
        fullwidth_digits=st.booleans(),
        fullwidth_brackets=st.booleans(),
        label_spaces=st.booleans(),
        spaced_title=st.booleans(),
        crlf=st.booleans(),
        inline_section_six=st.booleans(),
    )
