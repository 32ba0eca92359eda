"""Table arithmetic (勾稽关系, spec §5 A1–A6): GIP201–GIP206.

Every identity is declared and evaluated once (gip_lint.model.identities), a blank cell as an unknown
non-negative count: an identity that no completion of its blanks can satisfy is reported under
its own code, saying so; one some completion satisfies cannot be decided and its blanks are
reported once, by GIP206, as "cannot verify".  When one wrong cell breaks several identities,
each broken identity is reported once, and all of them point at the one known cell the broken
identities have in common, when exactly one has; when a single value of that cell makes every
identity through it hold, the finding names it (``Finding.suggestion``).
"""

from __future__ import annotations

from typing import Iterable, Optional

from gip_lint.model.document import Cell, CellProblem, Report
from gip_lint.model.identities import DECLARED, Identity
from gip_lint.model.labels import (
    APPLICANT_COLUMNS,
    APPLICANT_TOTAL,
    APPLICATION_ROW_NAMES,
    DECIMAL_COLUMNS,
    REVIEW_COLUMNS,
    SIGNED_COLUMNS,
)
from gip_lint.rule import Finding, Suggestion, rule
from gip_lint.rules import identities


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _plain(cells: Iterable[Optional[Cell]]) -> bool:
    """Every cell present, with no problem and no decimals (then GIP205 has nothing to say)."""
    for cell in cells:  # a plain loop: faster than any() over a generator, or map() over attrgetter
        if cell is None or cell.problem is not None or isinstance(cell.value, float):
            return False
    return True


def _blanks(cells: tuple) -> list[tuple[int, Cell]]:
    """(column index, cell) of each blank cell of a row."""
    # A blank cell has no value (Cell's contract): most cells need no call of the property.
    return [(index, cell) for index, cell in enumerate(cells)
            if cell is not None and cell.value is None and cell.is_blank]


def _anchor(key: str, column: int) -> str:
    return f"table:三:row:{key}:col:{APPLICANT_COLUMNS[column]}"


def _cell_anchor(name: tuple) -> str:
    table, key, column = name
    if table == "三":
        return _anchor(key, column)
    return f"table:四:group:{key}:col:{REVIEW_COLUMNS[column]}"


def _cell_name(name: tuple) -> str:
    table, key, column = name
    if table == "三":
        return f"表三“{APPLICATION_ROW_NAMES.get(key, key)}”行“{APPLICANT_COLUMNS[column]}”列"
    return f"表四“{key}”组“{REVIEW_COLUMNS[column]}”列"


def _findings(report: Report, kind: str) -> Iterable[Finding]:
    """The findings of the broken identities of one kind, each at its culprit cell, with the
    culprit's one right value when a single wrong number explains every broken identity."""
    broken = report.broken_identities
    if not broken:
        return
    cells = report.table_cells
    for identity in broken:
        if identity.kind != kind:
            continue
        name, shared = identities.culprit(identity, broken, cells)
        cell = cells[name]
        message = _message(identity, cells)
        value = identities.suggestion(report, name) if shared else None
        suggestion = None
        if value is not None:
            message += f"（若只有这一个数填错，{_cell_name(name)}应为 {value}）"
            suggestion = Suggestion(value, cell.raw)
        yield Finding(cell.line, cell.column, message, anchor=_cell_anchor(name) + f":{kind}",
                      suggestion=suggestion)


def _side(names: tuple, cells: dict) -> str:
    """A side of an identity as written: its numbers, "空" for a blank, joined by "+"."""
    return "+".join("空" if cells[n].value is None else _fmt(cells[n].value) for n in names)


def _sum(names: tuple, known, identity: Identity, cells: dict) -> str:
    """``a+b=c``, or ``a+空（已填的数之和 c）`` when the side has blanks (only the sum for the
    twenty-odd outcome rows of A3)."""
    if any(n in identity.blanks for n in names):
        if len(names) > APPLICANT_TOTAL:
            return f"（有空单元格，已填的数之和 {_fmt(known)}）"
        return f"{_side(names, cells)}（已填的数之和 {_fmt(known)}）"
    if len(names) == 1:
        return _fmt(known)
    return f"{_side(names, cells)}={_fmt(known)}"


def _no_completion(identity: Identity) -> str:
    """What a message adds when blanks take part: no value of them can mend the identity."""
    if not identity.blanks:
        return ""
    return f"；空单元格无论填什么非负数都无法使两边相等，至少相差 {_fmt(identity.gap)}"


def _message(identity: Identity, cells: dict) -> str:
    left = _sum(identity.left, identity.known_left, identity, cells)
    right = _sum(identity.right, identity.known_right, identity, cells)
    blanks = _no_completion(identity)
    if identity.kind == "A1":
        return (f"表三“{APPLICANT_COLUMNS[identity.index]}”列不平衡：第一项加第二项应等于第三项加第四项，"
                f"实为 {left}，而 {right}{blanks}")
    if identity.kind == "A2":
        name = APPLICATION_ROW_NAMES.get(identity.index, identity.index)
        return f"表三“{name}”行：总计应为六类申请人之和 {right}，表中为 {left}{blanks}"
    if identity.kind == "A4":
        return f"表四“{identity.index}”：总计应为 {right}，表中为 {left}{blanks}"
    difference = "" if blanks else f"（相差 {_fmt(identity.known_left - identity.known_right)}；部分公开是否被重复计入？）"
    return (f"表三“{APPLICANT_COLUMNS[identity.index]}”列：三(七)总计应等于各项办理结果之和 "
            f"{_fmt(identity.known_right) if not identity.blanks else right}，表中为 {left}{difference}{blanks}")


def _stating(kind: str):
    """Write identity ``kind`` as declared (``DECLARED``) into the rule's documentation, where
    it says ``{identity}``: what ``gip-lint explain`` prints is what the rule checks."""
    def document(check):
        check.__doc__ = check.__doc__.replace("{identity}", DECLARED[kind].statement())
        return check
    return document


@rule("GIP201", "applications-balance", severity="error")
@_stating("A1")
def applications_balance(report: Report, context) -> Iterable[Finding]:
    """表三某列不满足“第一项加第二项之和等于第三项加第四项之和”（A1）。

    ## 为什么
    勾稽关系 {identity}

    表三表头写明了本列数据的勾稽关系：本年新收 + 上年结转 = 本年办理结果总计 + 结转下年度继续办理。
    不相等说明某个数字填错、漏计或重复计算。消息给出列名和四个数字；若能确定是哪个单元格出错，
    位置指向该单元格，否则指向三(七)总计。

    空单元格是未填写的件数（不小于 0，但不当作 0）：只有一边有空单元格、而另一边（全部已填）
    已经小于这一边已填的数之和时，空单元格填什么都无法相等，仍报告本代码，并说明至少相差多少；
    否则无法核对，见 GIP206。

    几个被破坏的关系恰好只共有一个单元格、且只有一个数值能让经过它的所有关系成立时，消息写出
    “应为 N”，JSON 输出带 ``"suggestion": {"value": N}``，SARIF 带 ``fixes``（文本、Markdown 文件），
    编辑器中可一键改正。两个单元格都可能出错时不给出建议。

    ## 错误示例
    自然人列：一 = 20，二 = 1，三(七) = 19，四 = 1（20 + 1 ≠ 19 + 1）。

    ## 正确示例
    自然人列：一 = 20，二 = 1，三(七) = 20，四 = 1。
    """
    return _findings(report, "A1")


@rule("GIP202", "applications-row-total", severity="error")
@_stating("A2")
def applications_row_total(report: Report, context) -> Iterable[Finding]:
    """表三某行的“总计”不等于六类申请人（自然人至其他）之和（A2）。

    ## 为什么
    勾稽关系 {identity}

    每一行的总计是该行自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。
    有空单元格时，已填的六列之和已经大于总计，空单元格填什么都无法相等，仍然报告；
    能确定唯一正确值时给出“应为 N”（见 GIP201）。

    ## 错误示例
    “一、本年新收政府信息公开申请数量”：自然人 18，商业企业 2，其余 0，总计 21。

    ## 正确示例
    同一行总计为 20。
    """
    return _findings(report, "A2")


@rule("GIP203", "applications-outcomes", severity="error")
@_stating("A3")
def applications_outcomes(report: Report, context) -> Iterable[Finding]:
    """表三某列的三(七)总计不等于各项办理结果（三(一) 至 三(六)）之和（A3）。

    ## 为什么
    勾稽关系 {identity}

    每件申请只计入一种办理结果（部分公开“只计这一情形，不计其他情形”），所以各项办理结果之和
    必须等于三(七)总计。最常见的原因是把部分公开的申请又计入了不予公开或无法提供。
    有空单元格时，已填的各项之和已经大于三(七)总计，空单元格填什么都无法相等，仍然报告；
    能确定唯一正确值时给出“应为 N”（见 GIP201）。

    ## 错误示例
    予以公开 7、部分公开 1、不予公开 1（同一件部分公开的申请又计入）、其他处理 10，总计 18。

    ## 正确示例
    予以公开 7、部分公开 1、其他处理 10，总计 18。
    """
    return _findings(report, "A3")


@rule("GIP204", "review-litigation-total", severity="error")
@_stating("A4")
def review_litigation_total(report: Report, context) -> Iterable[Finding]:
    """表四某组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和（A4）。

    ## 为什么
    勾稽关系 {identity}

    行政复议、未经复议直接起诉、复议后起诉三组各有五列，总计是前四列之和。有空单元格时，
    已填的前四列之和已经大于总计，空单元格填什么都无法相等，仍然报告。

    ## 错误示例
    行政复议：结果维持 2，结果纠正 0，其他结果 1，尚未审结 7，总计 9。

    ## 正确示例
    行政复议：结果维持 2，结果纠正 0，其他结果 1，尚未审结 7，总计 10。
    """
    return _findings(report, "A4")


_PROBLEM_TEXT = {
    CellProblem.TEXT: "不是数字",
    CellProblem.NEGATIVE: "是负数",
    CellProblem.UNIT: "数字后带有单位",
    CellProblem.NOTE: "数字后带有说明文字",
    CellProblem.DECIMAL: "计数不应有小数",
}


def _cell_problem(cell: Cell, decimal_ok: bool, signed_ok: bool) -> Optional[CellProblem]:
    if cell.problem in (CellProblem.TEXT, CellProblem.UNIT, CellProblem.NOTE):
        return cell.problem
    if cell.problem is CellProblem.NEGATIVE and not signed_ok:
        return CellProblem.NEGATIVE
    if isinstance(cell.value, float) and not decimal_ok:
        return CellProblem.DECIMAL
    return None


@rule("GIP205", "cell-not-a-number", severity="error")
def cell_not_a_number(report: Report, context) -> Iterable[Finding]:
    """统计表中的单元格不是一个非负数（含文字、负数、单位、说明，或计数带小数）（A5）。

    ## 为什么
    表三、表四的每个单元格和表二的件数都应是非负整数，表二的收费金额是以万元为单位的非负数。
    单元格里写上单位或说明（“22（其中修订16件）”“251000元”）会让数据无法汇总和核对；
    说明文字应写在正文里。gip-lint 仍会用单元格开头的数字参与核对。

    ## 错误示例
    行政规范性文件 本年制发件数：22（其中修订16件）；行政事业性收费：251000元。

    ## 正确示例
    本年制发件数：22（说明写入正文）；行政事业性收费：25.1（单位：万元）。
    """
    # Nearly every cell is a plain number: test that first, and describe a cell only when it
    # has a problem.
    if report.applications is not None:
        yield from _counts_not_numbers(
            report.applications.rows.items(),
            lambda key, index: f"表三“{APPLICATION_ROW_NAMES.get(key, key)}”行“{APPLICANT_COLUMNS[index]}”列")
    if report.review_litigation is not None:
        yield from _counts_not_numbers(report.review_litigation.groups.items(),
                                       lambda group, index: f"表四“{group}”组“{REVIEW_COLUMNS[index]}”列")
    if report.active is not None:
        for item in report.active.items:
            if _plain(item.cells.values()):
                continue
            for column, cell in item.cells.items():
                if cell.problem is None and not isinstance(cell.value, float):
                    continue
                decimal_ok = column in DECIMAL_COLUMNS
                problem = _cell_problem(cell, decimal_ok, column in SIGNED_COLUMNS)
                if problem:
                    yield _not_a_number(cell, f"表二“{item.label}”行“{column}”列", problem, decimal_ok)


def _counts_not_numbers(rows, where) -> Iterable[Finding]:
    """GIP205 over rows of counts (tables 三 and 四): ``where(row key, column index)`` names a cell."""
    for key, row in rows:
        if _plain(row):
            continue
        for index, cell in enumerate(row):
            if cell is None or (cell.problem is None and not isinstance(cell.value, float)):
                continue
            problem = _cell_problem(cell, False, False)
            if problem:
                yield _not_a_number(cell, where(key, index), problem, False)


def _not_a_number(cell: Cell, where: str, problem: CellProblem, decimal_ok: bool) -> Finding:
    return Finding(cell.line, cell.column, f"{where}的“{cell.raw}”{_PROBLEM_TEXT[problem]}，应为非负"
                   + ("数" if decimal_ok else "整数"), anchor=f"cell:{where}")


_NEEDS = {"A2": "行合计（A2）", "A1": "本列第一项加第二项等于第三项加第四项（A1）", "A3": "办理结果之和等于三(七)（A3）"}


@rule("GIP206", "blank-cell", severity="warning")
def blank_cell(report: Report, context) -> Iterable[Finding]:
    """统计表中勾稽关系需要的单元格为空，该关系无法核对（A6）。

    ## 为什么
    空单元格表示“缺数”，不等于 0：gip-lint 不会把它当作 0 来核对，但会提醒你这里无法核对。
    没有发生的情况应填 0。

    空单元格是件数，不会是负数：已填的数已经证明某个关系不成立时（例如已填的六列之和大于总计），
    由该关系自己的代码（GIP201–GIP204）报告；本代码只报告那些填上某个值就可能成立、因而确实
    无法判断的关系所需的空单元格，消息中只列出这些关系。

    一行（表四的一组）中有几个空单元格时只报告一次，列出这些列；整行为空也只报告一次。

    ## 错误示例
    “四、结转下年度继续办理”行的“总计”列空着。

    ## 正确示例
    该单元格填 0（或实际数字）。
    """
    table = report.applications
    settled = None
    if table is not None:
        for key, row in table.rows.items():
            blanks = _blanks(row)
            if blanks:
                settled = report.settled_blanks if settled is None else settled
                blanks = [(i, cell) for i, cell in blanks if ("三", key, i) not in settled]
            if not blanks:
                continue
            name = APPLICATION_ROW_NAMES.get(key, key)
            if len(blanks) == len(row):
                position = table.row_positions[key]
                yield Finding(position.line, position.column,
                              f"表三“{name}”行全部为空，无法核对本行及所在列的勾稽关系（没有发生应填 0）",
                              anchor=f"table:三:row:{key}:blank")
                continue
            # What the blanks leave undecided (an identity already proven broken is not among it).
            broken = identities.broken_through(report)
            kinds = [kind for kind, applies in (("A2", True), ("A1", key in identities.A1_KEYS),
                                                ("A3", key.startswith("三(")))
                     if applies and any(kind not in broken.get(("三", key, i), ()) for i, _ in blanks)]
            needs = [_NEEDS[kind] for kind in kinds]
            yield _blank_finding(blanks, APPLICANT_COLUMNS, f"表三“{name}”行",
                                 "无法核对：" + "；".join(needs) + "（没有发生应填 0）",
                                 lambda index: _anchor(key, index) + ":blank", f"table:三:row:{key}:blanks")
    review = report.review_litigation
    if review is not None:
        for group, row in review.groups.items():
            blanks = [(i, cell) for i, cell in _blanks(row)
                      if ("四", group, i) not in report.settled_blanks]
            if blanks:
                yield _blank_finding(
                    blanks, REVIEW_COLUMNS, f"表四“{group}”组", "无法核对本组总计（没有发生应填 0）",
                    lambda index: f"table:四:group:{group}:col:{REVIEW_COLUMNS[index]}:blank",
                    f"table:四:group:{group}:blanks")


def _blank_finding(blanks: list, columns: tuple, where: str, consequence: str, anchor_one,
                   anchor_several: str) -> Finding:
    """One GIP206 for a row's blank cells, at the first: naming its column, or all of them
    (one finding per row, not one per cell: a row of blanks is one omission)."""
    index, cell = blanks[0]
    if len(blanks) == 1:
        return Finding(cell.line, cell.column, f"{where}“{columns[index]}”列为空，{consequence}",
                       anchor=anchor_one(index))
    names = "、".join(columns[i] for i, _ in blanks)
    return Finding(cell.line, cell.column, f"{where}有 {len(blanks)} 个单元格为空（{names}），{consequence}",
                   anchor=anchor_several)
