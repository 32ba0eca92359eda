"""GIP503: the prose says cases were all upheld ("均获维持") while table 四 says otherwise (spec §5 N1, §7)."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from gip_lint.lazy_re import lazy_compile

from gip_lint.model.document import Report
from gip_lint.rule import Finding, rule
from gip_lint.rules.quantities import AFTER_REVIEW, DIRECT, REVIEW
from gip_lint.rules.sentences import other_year, prose_paragraphs, quote, sentences

_ALL_UPHELD = lazy_compile(r"(?<![未不非])(?:均|全部|全都|都)(?:已|被|获|得到|予以|依法)*(?:结果)?维持")
_SCOPE = lazy_compile(r"复议后起诉|直接起诉|行政诉讼|起诉|应诉|诉讼|复议")
_NOT_UPHELD = ("结果纠正", "其他结果", "尚未审结")
_GROUP_LABEL = {REVIEW: "行政复议", DIRECT: "直接起诉的行政诉讼", AFTER_REVIEW: "复议后起诉的行政诉讼"}


def _count(cell) -> Optional[int]:
    return cell.count if cell is not None else None


def _scope_groups(word: str) -> tuple[str, ...]:
    if word == "复议后起诉":
        return (AFTER_REVIEW,)
    if word == "直接起诉":
        return (DIRECT,)
    if word == "复议":
        return (REVIEW,)
    return (DIRECT, AFTER_REVIEW)


@rule("GIP503", "upheld-claim", severity="warning")
def upheld_claim(report: Report, context) -> Iterable[Finding]:
    """正文称行政复议或行政诉讼“均获维持”，但表四有纠正、其他结果或尚未审结的案件。

    ## 为什么
    “均获维持”“均予以维持”“全部维持”是说每一件都以维持结束；表四同一组中只要有结果纠正、
    其他结果或尚未审结，这句话就不成立（规范 §5 N1、§7）。这句话说的是哪一组，看它前面最近
    提到的是行政复议还是行政诉讼；说不清时不检查。

    ## 错误示例
    被申请行政复议 3 件，均获维持。（表四行政复议：维持 2，尚未审结 1）

    ## 正确示例
    被申请行政复议 3 件，已审结的 2 件均获维持，1 件尚未审结。
    """
    table = report.review_litigation
    if table is None:
        return
    for _, paragraph in prose_paragraphs(report):
        if "维持" not in paragraph.text:  # every claim has it: skip the splitting
            continue
        for sentence in sentences(paragraph.text):
            for claim in _ALL_UPHELD.finditer(sentence.text):
                clause_start = max(sentence.text.rfind(";", 0, claim.start()), -1) + 1
                span = sentence.text[clause_start:claim.start()]
                if "上年" in span or "去年" in span or other_year(span, report.year):
                    continue
                words = list(_SCOPE.finditer(span))
                if not words:
                    continue
                groups = list(_scope_groups(words[-1].group()))
                if re.search(r"已审结|审结的", span[words[-1].end():]):
                    continue  # "已审结的 2 件均获维持" says nothing of the pending ones
                faults = []
                for group in groups:
                    found = [f"{column} {value} 件" for column in _NOT_UPHELD
                             if (value := _count(table.cell(group, column)))]
                    if found:
                        faults.append(_GROUP_LABEL[group] + "、".join(found))
                if not faults:
                    continue
                offset = sentence.start + claim.start()
                said = quote(paragraph, offset, sentence.start + claim.end())
                subject = "行政复议" if groups == [REVIEW] else "行政诉讼"
                yield Finding(paragraph.line, paragraph.column + offset,
                              f"正文称{subject}“{said}”，但表四中{'；'.join(faults)}",
                              anchor=f"prose:upheld:{subject}")

