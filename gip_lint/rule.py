"""What a rule is, what it reports, and the decorator that makes one.

A rule is a check over the document model plus its metadata; the check's docstring *is*
its documentation (first line: summary; then the explanation, with a bad and a good
example), printed by ``gip-lint explain CODE``::

    @rule("GIP301", "fee-statement", severity="error")
    def fee_statement(report, context):
        '''第六部分没有说明信息处理费的收取情况。

        ## 为什么
        ……
        ## 错误示例
        ……
        ## 正确示例
        ……
        '''
        yield Finding(line, column, "第六部分未说明……", anchor="section:6")
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Callable, Iterable, Optional

import attrs

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

CODE_PATTERN = re.compile(r"^[A-Z]{1,4}\d{3}$")


@attrs.frozen
class Suggestion:
    """The fix a finding names: the value its cell should hold, and the cell's text as written
    (what a fix replaces, starting at the finding's line and column)."""

    value: Any
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value}


@attrs.frozen
class Finding:
    """What a rule's check yields: where, what, and a stable anchor for baselines.

    ``anchor`` names the place without its line number (``"table:三:row:一:col:总计"``,
    ``"section:6"``) so a baseline survives edits elsewhere in the report.
    """

    line: int
    column: int
    message: str
    anchor: str = ""
    severity: Optional[str] = None  # overrides the rule's severity for this finding
    suggestion: Optional[Suggestion] = None


@attrs.frozen(order=True)
class Diagnostic:
    """One reported problem: a finding with the file, code and severity filled in."""

    path: str
    line: int
    column: int
    code: str
    message: str = attrs.field(order=False)
    severity: str = attrs.field(order=False, default="error")
    anchor: str = attrs.field(order=False, default="")
    rule: str = attrs.field(order=False, default="")
    plugin: str = attrs.field(order=False, default="")
    page: Optional[int] = attrs.field(order=False, default=None)  # the PDF page (from 1), else None
    suggestion: Optional[Suggestion] = attrs.field(order=False, default=None)

    def to_dict(self) -> dict[str, Any]:
        found = {"path": self.path, "line": self.line, "column": self.column, "code": self.code,
                 "severity": self.severity, "message": self.message}
        if self.page is not None:
            found["page"] = self.page
        if self.suggestion is not None:
            found["suggestion"] = self.suggestion.to_dict()
        return found


@attrs.frozen
class Context:
    """What a check may know besides the report: options and last year's report."""

    options: dict = attrs.field(factory=dict)
    previous: Any = None  # the organ's report for the year before, when one was given


Check = Callable[[Any, Context], Iterable[Finding]]


@attrs.frozen
class Rule:
    code: str
    name: str
    summary: str
    severity: str
    explanation: str
    check: Optional[Check]
    plugin: str = ""
    plugin_version: str = ""
    preview: bool = False
    # A year-over-year rule: it compares with ``context.previous`` (last year's report), so
    # ``check`` pairs each report with its predecessor before running it.
    uses_previous: bool = False


def _split_doc(doc: str) -> tuple[str, str]:
    doc = inspect.cleandoc(doc or "")
    summary, _, rest = doc.partition("\n")
    return summary.strip(), rest.strip()


def uses_previous(check: Check) -> Check:
    """Mark a check as year-over-year (older spelling of ``@rule(..., uses_previous=True)``)."""
    check.uses_previous = True
    return check


def rule(code: str, name: str, severity: str = "error", preview: bool = False,
         uses_previous: bool = False) -> Callable[[Check], Rule]:
    """Decorator: turn a check function with a documented docstring into a :class:`Rule`."""
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must be 1–4 capital letters and 3 digits")
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} must be one of {SEVERITIES}")

    def decorate(check: Check) -> Rule:
        summary, explanation = _split_doc(check.__doc__ or "")
        if not summary:
            raise ValueError(f"rule {code} has no docstring summary")
        return Rule(code=code, name=name, summary=summary, severity=severity,
                    explanation=explanation, check=check, preview=preview,
                    uses_previous=uses_previous or getattr(check, "uses_previous", False))

    return decorate


def validate_rule(candidate: object) -> list[str]:
    """Why ``candidate`` is not a usable rule (empty list when it is)."""
    if not isinstance(candidate, Rule):
        return [f"{candidate!r} 不是 gip_lint.rule.Rule"]
    problems = []
    if not CODE_PATTERN.match(candidate.code):
        problems.append(f"代码 {candidate.code!r} 不合规（应为 1–4 个大写字母加 3 位数字）")
    if candidate.severity not in SEVERITIES:
        problems.append(f"{candidate.code} 的严重程度 {candidate.severity!r} 无效")
    if candidate.check is not None and not callable(candidate.check):
        problems.append(f"{candidate.code} 的 check 不可调用")
    if not candidate.summary:
        problems.append(f"{candidate.code} 没有摘要")
    return problems
