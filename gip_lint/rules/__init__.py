"""The built-in rules, one module per theme; registered by :mod:`gip_lint.builtin`."""


def excerpt(text: str, start: int, end: int, margin: int = 8) -> str:
    """``text[start:end]`` with up to ``margin`` characters of context, for a message.

    Messages quote the text a finding refers to instead of a line number, so that the
    message – part of the baseline fingerprint – survives edits elsewhere in the report.
    """
    left, right = max(0, start - margin), min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
