"""Table arithmetic (勾稽关系, spec §5 A1–A6): GIP201–GIP206.

Every identity is evaluated once.  An identity with a blank cell is not evaluated (the blank
is reported once, by GIP206, as "cannot verify").  When one wrong cell breaks several
identities, each broken identity is reported once, and all of them point at the cell that
the broken identities have in common, when exactly one has.
"""

from __future__ import annotations

from typing import Iterable, Optional

import attrs

from gip_lint.model.document import ApplicationsTable, Cell, Report
from gip_lint.model.labels import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_NAMES,
    DECIMAL_COLUMNS,
    OUTCOME_ROWS,
    REVIEW_COLUMNS,
    SIGNED_COLUMNS,
)
from gip_lint.rule import Finding, rule
from gip_lint.rules import per_report

TOTAL = len(APPLICANT_COLUMNS) - 1  # index of 总计


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _known(cells: Iterable[Optional[Cell]]) -> bool:
    return all(cell is not None and cell.value is not None for cell in cells)


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


@attrs.frozen
class Identity:
    """One evaluated identity of table 三 or 四: its cells, the two sides, and where it failed."""

    kind: str  # "A1" | "A2" | "A3" | "A4"
    index: object  # the column (A1, A3), the row key (A2) or the group (A4)
    left: object
    right: object
    cells: tuple  # ((row key, column index), ...) that take part
    total: tuple  # (row key, column index) of the total cell


def _outcome_rows(table: ApplicationsTable, report_format: Optional[str]) -> tuple[str, ...]:
    if report_format == "2019" or ("三(六)" in table.rows and "三(六)1" not in table.rows):
        return OUTCOME_ROWS["2019"]
    return OUTCOME_ROWS["2021"]


_A1_KEYS = ("一", "二", "三(七)", "四")


def broken_identities(report: Report) -> list[Identity]:
    """Every identity of the report's table 三 whose cells are all present and numeric and
    whose two sides differ, in the order: per column A1 then A3, then A2 per row.  GIP201-203
    each need them: worked out once per report (callers must not modify the list)."""
    values = per_report.store(report)
    found = values.get("broken_identities")
    if found is None:
        found = values["broken_identities"] = _broken_identities(report.applications, report.format)
    return found


def _broken_identities(table: ApplicationsTable, report_format: Optional[str]) -> list[Identity]:
    # Most identities hold: they are checked on plain values, and an Identity is made only for
    # a broken one.  Sums run in the same order as written in the spec, so float results match.
    rows = table.rows
    values = {key: [None if cell is None else cell.value for cell in cells] for key, cells in rows.items()}
    found: list[Identity] = []
    outcomes = _outcome_rows(table, report_format)
    a1 = all(k in values for k in _A1_KEYS)
    a3_keys = outcomes + ("三(七)",)
    a3 = all(k in values for k in a3_keys)
    # Columns of the rows each identity reads: zip transposes in C.
    a1_columns = list(zip(*(values[k] for k in _A1_KEYS))) if a1 else None
    a3_columns = list(zip(*(values[k] for k in a3_keys))) if a3 else None
    if a1 or a3:
        for column in range(len(APPLICANT_COLUMNS)):
            if a1:
                one, two, handled, carried = a1_columns[column]
                if one is not None and two is not None and handled is not None and carried is not None:
                    left, right = one + two, handled + carried
                    if abs(left - right) > 1e-9:
                        found.append(Identity("A1", column, left, right, tuple((k, column) for k in _A1_KEYS),
                                              ("三(七)", column)))
            if a3:
                column_values = a3_columns[column]
                if None not in column_values:
                    total = column_values[-1]
                    parts = sum(column_values[:-1])
                    if abs(total - parts) > 1e-9:
                        found.append(Identity("A3", column, total, parts,
                                              tuple((k, column) for k in a3_keys), ("三(七)", column)))
    for key, row in values.items():
        if None not in row:
            parts = sum(row[:TOTAL])
            if abs(row[TOTAL] - parts) > 1e-9:
                found.append(Identity("A2", key, row[TOTAL], parts,
                                      tuple((key, c) for c in range(len(row))), (key, TOTAL)))
    return found


def _culprit(identity: Identity, broken: list[Identity]) -> tuple:
    """The one cell this broken identity shares with every other broken identity crossing it."""
    crossing = [other for other in broken if other is not identity and set(other.cells) & set(identity.cells)]
    if not crossing:
        return identity.total
    shared = set(identity.cells)
    for other in crossing:
        shared &= set(other.cells)
    return shared.pop() if len(shared) == 1 else identity.total


def _table3_findings(report: Report, kind: str) -> Iterable[Finding]:
    table = report.applications
    if table is None:
        return
    broken = broken_identities(report)
    for identity in broken:
        if identity.kind != kind:
            continue
        key, column = _culprit(identity, broken)
        cell = table.rows[key][column]
        yield Finding(cell.line, cell.column, _message(identity, table), anchor=_anchor(key, column) + f":{kind}")


def _message(identity: Identity, table: ApplicationsTable) -> str:
    rows = table.rows
    if identity.kind == "A1":
        column = identity.index
        one, two, total, carry = (rows[k][column].value for k in ("一", "二", "三(七)", "四"))
        return (f"表三“{APPLICANT_COLUMNS[column]}”列不平衡：第一项加第二项应等于第三项加第四项，"
                f"实为 {_fmt(one)}+{_fmt(two)}={_fmt(identity.left)}，"
                f"而 {_fmt(total)}+{_fmt(carry)}={_fmt(identity.right)}")
    if identity.kind == "A2":
        name = APPLICATION_ROW_NAMES.get(identity.index, identity.index)
        parts = "+".join(_fmt(c.value) for c in rows[identity.index][:TOTAL])
        return (f"表三“{name}”行：总计应为六类申请人之和 {parts}={_fmt(identity.right)}，"
                f"表中为 {_fmt(identity.left)}")
    column = identity.index
    return (f"表三“{APPLICANT_COLUMNS[column]}”列：三(七)总计应等于各项办理结果之和 {_fmt(identity.right)}，"
            f"表中为 {_fmt(identity.left)}（相差 {_fmt(identity.left - identity.right)}；"
            f"部分公开是否被重复计入？）")


@rule("GIP201", "applications-balance", severity="error")
def applications_balance(report: Report, context) -> Iterable[Finding]:
    """表三某列不满足“第一项加第二项之和等于第三项加第四项之和”（A1）。

    ## 为什么
    表三表头写明了本列数据的勾稽关系：本年新收 + 上年结转 = 本年办理结果总计 + 结转下年度继续办理。
    不相等说明某个数字填错、漏计或重复计算。消息给出列名和四个数字；若能确定是哪个单元格出错，
    位置指向该单元格，否则指向三(七)总计。

    ## 错误示例
    自然人列：一 = 20，二 = 1，三(七) = 19，四 = 1（20 + 1 ≠ 19 + 1）。

    ## 正确示例
    自然人列：一 = 20，二 = 1，三(七) = 20，四 = 1。
    """
    return _table3_findings(report, "A1")


@rule("GIP202", "applications-row-total", severity="error")
def applications_row_total(report: Report, context) -> Iterable[Finding]:
    """表三某行的“总计”不等于六类申请人（自然人至其他）之和（A2）。

    ## 为什么
    每一行的总计是该行自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。

    ## 错误示例
    “一、本年新收政府信息公开申请数量”：自然人 18，商业企业 2，其余 0，总计 21。

    ## 正确示例
    同一行总计为 20。
    """
    return _table3_findings(report, "A2")


@rule("GIP203", "applications-outcomes", severity="error")
def applications_outcomes(report: Report, context) -> Iterable[Finding]:
    """表三某列的三(七)总计不等于各项办理结果（三(一) 至 三(六)）之和（A3）。

    ## 为什么
    每件申请只计入一种办理结果（部分公开“只计这一情形，不计其他情形”），所以各项办理结果之和
    必须等于三(七)总计。最常见的原因是把部分公开的申请又计入了不予公开或无法提供。

    ## 错误示例
    予以公开 7、部分公开 1、不予公开 1（同一件部分公开的申请又计入）、其他处理 10，总计 18。

    ## 正确示例
    予以公开 7、部分公开 1、其他处理 10，总计 18。
    """
    return _table3_findings(report, "A3")


@rule("GIP204", "review-litigation-total", severity="error")
def review_litigation_total(report: Report, context) -> Iterable[Finding]:
    """表四某组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和（A4）。

    ## 为什么
    行政复议、未经复议直接起诉、复议后起诉三组各有五列，总计是前四列之和。

    ## 错误示例
    行政复议：结果维持 2，结果纠正 0，其他结果 1，尚未审结 7，总计 9。

    ## 正确示例
    行政复议：结果维持 2，结果纠正 0，其他结果 1，尚未审结 7，总计 10。
    """
    table = report.review_litigation
    if table is None:
        return
    for group, cells in table.groups.items():
        if not _known(cells):
            continue
        parts = sum(c.value for c in cells[:4])
        total = cells[4]
        if abs(total.value - parts) > 1e-9:
            detail = "+".join(_fmt(c.value) for c in cells[:4])
            yield Finding(total.line, total.column,
                          f"表四“{group}”：总计应为 {detail}={_fmt(parts)}，表中为 {_fmt(total.value)}",
                          anchor=f"table:四:group:{group}:col:总计")


_PROBLEM_TEXT = {
    "text": "不是数字",
    "negative": "是负数",
    "unit": "数字后带有单位",
    "note": "数字后带有说明文字",
    "decimal": "计数不应有小数",
}


def _cell_problem(cell: Cell, decimal_ok: bool, signed_ok: bool) -> Optional[str]:
    if cell.problem in ("text", "unit", "note"):
        return cell.problem
    if cell.problem == "negative" and not signed_ok:
        return "negative"
    if isinstance(cell.value, float) and not decimal_ok:
        return "decimal"
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


def _not_a_number(cell: Cell, where: str, problem: str, decimal_ok: bool) -> Finding:
    return Finding(cell.line, cell.column, f"{where}的“{cell.raw}”{_PROBLEM_TEXT[problem]}，应为非负"
                   + ("数" if decimal_ok else "整数"), anchor=f"cell:{where}")


@rule("GIP206", "blank-cell", severity="warning")
def blank_cell(report: Report, context) -> Iterable[Finding]:
    """统计表中勾稽关系需要的单元格为空，该关系无法核对（A6）。

    ## 为什么
    空单元格表示“缺数”，不等于 0：gip-lint 不会把它当作 0 来核对，也不会因此报告合计错误，
    但会提醒你这里无法核对。没有发生的情况应填 0。

    一行（表四的一组）中有几个空单元格时只报告一次，列出这些列；整行为空也只报告一次。

    ## 错误示例
    “四、结转下年度继续办理”行的“总计”列空着。

    ## 正确示例
    该单元格填 0（或实际数字）。
    """
    table = report.applications
    if table is not None:
        for key, row in table.rows.items():
            blanks = _blanks(row)
            if not blanks:
                continue
            name = APPLICATION_ROW_NAMES.get(key, key)
            if len(blanks) == len(row):
                position = table.row_positions[key]
                yield Finding(position.line, position.column,
                              f"表三“{name}”行全部为空，无法核对本行及所在列的勾稽关系（没有发生应填 0）",
                              anchor=f"table:三:row:{key}:blank")
                continue
            needs = ["行合计（A2）"]
            if key in ("一", "二", "三(七)", "四"):
                needs.append("本列第一项加第二项等于第三项加第四项（A1）")
            if key.startswith("三("):
                needs.append("办理结果之和等于三(七)（A3）")
            yield _blank_finding(blanks, APPLICANT_COLUMNS, f"表三“{name}”行",
                                 "无法核对：" + "；".join(needs) + "（没有发生应填 0）",
                                 lambda index: _anchor(key, index) + ":blank", f"table:三:row:{key}:blanks")
    review = report.review_litigation
    if review is not None:
        for group, row in review.groups.items():
            blanks = _blanks(row)
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
