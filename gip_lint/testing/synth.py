"""Synthetic reports: valid table data, rendered as text in the layouts real reports use.

Used by gip-lint's property tests (render → parse must give back the same model; a valid
report must be clean; one injected fault must give exactly its diagnostic) and by the
benchmark's corpus generator.  Plugin authors can use it the same way.

    import random
    from gip_lint.testing.synth import random_report, render, Layout
    report = random_report(random.Random(7))
    rendered = render(report, Layout(style="seed"))
    rendered.text                      # the report as text
    rendered.cells[("三", "一", 0)]     # (line, column) of 一/自然人

Hypothesis strategies are in :mod:`gip_lint.testing.strategies`.
"""

from __future__ import annotations

import random as _random
from typing import Optional

import attrs

from gip_lint.model.labels import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS_2021,
    OUTCOME_ROWS,
    REVIEW_GROUPS,
    SECTION_TITLES,
)

NUMERALS = "一二三四五六"

# Row labels as the 2021 format prints them: (group label or "", own label).
ROW_LABELS = {
    "一": ("一、本年新收政府信息公开申请数量", ""),
    "二": ("二、上年结转政府信息公开申请数量", ""),
    "三(一)": ("(一)予以公开", ""),
    "三(二)": ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", ""),
    "三(三)1": ("(三)不予公开", "1.属于国家秘密"),
    "三(三)2": ("", "2.其他法律行政法规禁止公开"),
    "三(三)3": ("", "3.危及“三安全一稳定”"),
    "三(三)4": ("", "4.保护第三方合法权益"),
    "三(三)5": ("", "5.属于三类内部事务信息"),
    "三(三)6": ("", "6.属于四类过程性信息"),
    "三(三)7": ("", "7.属于行政执法案卷"),
    "三(三)8": ("", "8.属于行政查询事项"),
    "三(四)1": ("(四)无法提供", "1.本机关不掌握相关政府信息"),
    "三(四)2": ("", "2.没有现成信息需要另行制作"),
    "三(四)3": ("", "3.补正后申请内容仍不明确"),
    "三(五)1": ("(五)不予处理", "1.信访举报投诉类申请"),
    "三(五)2": ("", "2.重复申请"),
    "三(五)3": ("", "3.要求提供公开出版物"),
    "三(五)4": ("", "4.无正当理由大量反复申请"),
    "三(五)5": ("", "5.要求行政机关确认或重新出具已获取信息"),
    "三(六)1": ("(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "三(六)2": ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "三(六)3": ("", "3.其他"),
    "三(七)": ("(七)总计", ""),
    "四": ("四、结转下年度继续办理", ""),
}

ORGANS = ("卧龙区人民政府", "孟津区人民政府办公室", "二七区人民政府", "南阳市自然资源和规划局",
          "洛阳市教育局", "郑州市金水区人民政府", "开封市生态环境局", "新乡县人民政府")

FILLER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "进一步规范工作流程，健全工作制度，确保答复内容合法合规、准确严谨。",
    "加强政府网站和政务新媒体建设管理，不断提升政务公开质量和实效。",
    "严格落实保密审查制度，妥善处理政务公开与保守国家秘密的关系。",
    "将政务公开工作纳入绩效考核，加强日常监督指导，及时督促整改。",
)


@attrs.frozen
class SynthReport:
    """The content of a valid report: every identity of spec §5 holds."""

    organ: str
    year: int
    applications: dict  # row key → 7 ints (APPLICANT_COLUMNS order)
    review: dict  # group → 5 ints
    active: dict  # (row label, column) → number
    fee_sentence: str = "本年度未收取信息处理费。"


def random_report(rng: _random.Random, small: bool = True) -> SynthReport:
    """A random valid report; ``small`` keeps most counts at 0–3 like real district reports."""
    def count(scale: int = 3) -> int:
        return rng.choice((0, 0, 0, 1, 2, rng.randint(0, scale))) if small else rng.randint(0, scale * 40)

    rows: dict[str, list[int]] = {}
    outcome_keys = OUTCOME_ROWS["2021"]
    for key in outcome_keys:
        rows[key] = [count() for _ in range(6)]
    total = [sum(rows[k][c] for k in outcome_keys) for c in range(6)]
    carried = [count(2) for _ in range(6)]
    previous = [rng.randint(0, total[c] + carried[c]) if rng.random() < 0.4 else 0 for c in range(6)]
    new = [total[c] + carried[c] - previous[c] for c in range(6)]
    rows.update({"三(七)": total, "四": carried, "二": previous, "一": new})
    applications = {key: rows[key] + [sum(rows[key])] for key in APPLICATION_ROWS_2021}
    review = {}
    for group in REVIEW_GROUPS:
        parts = [count(3) for _ in range(4)]
        review[group] = parts + [sum(parts)]
    active = {
        ("规章", "本年制发件数"): count(2), ("规章", "本年废止件数"): count(2), ("规章", "现行有效件数"): count(5),
        ("行政规范性文件", "本年制发件数"): rng.randint(0, 60), ("行政规范性文件", "本年废止件数"): rng.randint(0, 20),
        ("行政规范性文件", "现行有效件数"): rng.randint(0, 200),
        ("行政许可", "本年处理决定数量"): rng.randint(0, 60000),
        ("行政处罚", "本年处理决定数量"): rng.randint(0, 3000),
        ("行政强制", "本年处理决定数量"): rng.randint(0, 100),
        ("行政事业性收费", "本年收费金额（单位：万元）"): round(rng.uniform(0, 3000), rng.randint(0, 4)),
    }
    return SynthReport(organ=rng.choice(ORGANS), year=rng.randint(2021, 2025),
                       applications=applications, review=review, active=active)


def with_cell(report: SynthReport, table: str, key: str, column: int, value: Optional[int]) -> SynthReport:
    """The same report with one cell of table 三 or 四 changed (a fault; None: left blank)."""
    if table == "三":
        rows = {k: list(v) for k, v in report.applications.items()}
        rows[key][column] = value
        return attrs.evolve(report, applications=rows)
    groups = {k: list(v) for k, v in report.review.items()}
    groups[key][column] = value
    return attrs.evolve(report, review=groups)


@attrs.frozen
class Layout:
    """How to print a report.

    ``style``: "seed" (merged label cells and padding as in the published pages),
    "compact" (label cells then exactly the values), "markdown" (pipe tables) or "web" (the
    seed's cells as web pages are rendered to text: "a | b |", a blank cell a lone "|").
    """

    style: str = "seed"
    fullwidth_digits: bool = False
    fullwidth_brackets: bool = False
    label_spaces: bool = False
    spaced_title: bool = False
    crlf: bool = False
    inline_section_six: bool = False
    order: tuple[int, ...] = (1, 2, 3, 4, 5, 6)  # sections printed, in this order
    title_year: Optional[int] = None  # print this year in the title instead of the data year
    fee: bool = True  # print the fee sentence in section 六


@attrs.frozen
class Rendered:
    text: str
    cells: dict  # ("三", key, column) / ("四", group, column) → (line, column)
    headings: dict  # section number → line
    title_line: int


_FULLWIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")


class _Writer:
    def __init__(self, layout: Layout):
        self.layout = layout
        self.lines: list[str] = []
        self.cells: dict = {}

    def line(self, text: str = "") -> int:
        self.lines.append(text)
        return len(self.lines)

    def number(self, value) -> str:
        text = "" if value is None else str(value)  # None: a blank cell
        return text.translate(_FULLWIDTH_DIGITS) if self.layout.fullwidth_digits else text

    def label(self, text: str) -> str:
        if self.layout.fullwidth_brackets:
            text = text.replace("(", "（").replace(")", "）")
        if self.layout.label_spaces:
            text = text.replace(".", ". ", 1).replace(")", ") ", 1)
        return text

    def header(self, text: str) -> None:
        """A header line given with TABs between its cells."""
        if self.layout.style == "web":
            cells = text.split("\t")
            self.row(cells, [None] * len(cells))
        else:
            self.line(text)

    def row(self, cells: list[str], keys: list) -> None:
        """Write one table row; ``keys[i]`` names cell i (None for labels and padding)."""
        if self.layout.style == "markdown":
            text, starts = "|", []
            for cell in cells:
                text += " "
                starts.append(len(text) + 1)
                text += cell + " |"
        elif self.layout.style == "web":  # a web page's table as text: each cell ends in " |"
            text, starts = "", []
            for cell in cells:
                if cell and text:
                    text += " "
                starts.append(len(text) + 1)
                text += cell + " |" if cell else "|"
        else:
            text, starts = "", []
            for index, cell in enumerate(cells):
                if index:
                    text += "\t"
                starts.append(len(text) + 1)
                text += cell
        line = self.line(text)
        for key, start in zip(keys, starts):
            if key is not None:
                self.cells[key] = (line, start)


def _applications(w: _Writer, report: SynthReport) -> None:
    style = w.layout.style
    if style == "markdown":
        w.line("| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |")
        w.line("|---|---|---|---|---|---|---|---|---|")
    else:
        w.header("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t")
        w.header("\t\t自然人\t法人或其他组织\t\t\t\t\t\t")
        w.header("\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t")
    for key in APPLICATION_ROWS_2021:
        group, own = (w.label(part) for part in ROW_LABELS[key])
        values = [w.number(v) for v in report.applications[key]]
        keys = [("三", key, c) for c in range(7)]
        if style == "markdown":
            cells, labels = ([group, own] if own else [group, ""]), 2
            if key == "三(一)":
                cells = ["三、本年度办理结果" + group, ""]
        elif style == "compact":
            cells = [group, own] if own else [group]
            if key == "三(一)":
                cells = ["三、本年度办理结果", group]
            labels = len(cells)
        else:  # the published pages' shape (seed 000)
            if key in ("一", "二", "四"):
                cells = [group, ""]
            elif key == "三(一)":
                cells = ["三、本年度办理结果", group]
            elif key == "三(二)":
                cells = ["", group]
            elif key == "三(六)3":
                cells = [own, ""]
            elif key == "三(七)":
                cells = [group]
            else:
                cells = ["", group, own]
            labels = len(cells)
        trailing = [""] if style in ("seed", "web") and key in ("一", "二", "三(一)", "三(二)", "三(六)3", "四") else []
        if style in ("seed", "web") and key == "三(七)":
            trailing = ["", ""]
        w.row(cells + values + trailing, [None] * labels + keys + [None] * len(trailing))


def _review(w: _Writer, report: SynthReport) -> None:
    values, keys = [], []
    for group in REVIEW_GROUPS:
        values += [w.number(v) for v in report.review[group]]
        keys += [("四", group, c) for c in range(5)]
    if w.layout.style == "markdown":
        w.line("| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |")
        w.line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        w.line("| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |")
        w.line("| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |")
    else:
        w.header("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t")
        w.header("结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t")
        w.header("\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计")
    w.row(values, keys)


def _active(w: _Writer, report: SynthReport) -> None:
    blocks = (
        ("第二十条第(一)项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
        ("第二十条第(五)项", ("本年处理决定数量",), ("行政许可",)),
        ("第二十条第(六)项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
        ("第二十条第(八)项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
    )
    markdown = w.layout.style == "markdown"
    for title, columns, labels in blocks:
        pad = [""] * (3 - len(columns))
        w.row([w.label(title), "", "", ""], [None] * 4)
        if markdown and title.endswith("(一)项"):
            w.line("|---|---|---|---|")
        w.row(["信息内容", *columns, *pad], [None] * 4)
        for label in labels:
            values = [w.number(report.active[(label, c)]) for c in columns]
            w.row([label, *values, *pad], [None] + [("二", label, c) for c in columns] + [None] * len(pad))


def render(report: SynthReport, layout: Layout = Layout()) -> Rendered:
    """Print ``report`` as text; return it with the position of every table cell and heading."""
    w = _Writer(layout)
    year = layout.title_year if layout.title_year is not None else report.year
    w.line()
    title = f"{report.organ} {year} 年政府信息公开工作年度报告" if layout.spaced_title else \
        f"{report.organ}{year}年政府信息公开工作年度报告"
    title_line = w.line(title)
    headings: dict[int, int] = {}
    for number in layout.order:
        w.line()
        heading = f"{NUMERALS[number - 1]}、{SECTION_TITLES[number]}"
        if number == 6 and layout.inline_section_six and layout.fee:
            headings[6] = w.line(f"{heading}：{report.fee_sentence}")
            continue
        headings[number] = w.line(heading)
        w.line()
        if number == 1:
            w.line(f"{report.year}年，{report.organ}{FILLER[0]}")
            for index, theme in enumerate(("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")):
                w.line()
                w.line(f"{w.label(f'({NUMERALS[index]})')}{theme}方面：{FILLER[(index + 1) % len(FILLER)]}")
        elif number == 2:
            _active(w, report)
        elif number == 3:
            _applications(w, report)
        elif number == 4:
            _review(w, report)
        elif number == 5:
            w.line(f"{report.year}年，政务公开工作仍存在一些不足：一是公开内容不够全面；二是解读形式有待丰富。")
            w.line()
            w.line(f"{report.year + 1}年，将着重做好以下工作：一是强化政府信息管理；二是丰富政策解读形式。")
        elif number == 6:
            w.line(report.fee_sentence if layout.fee else "本机关无其他需要报告的事项。")
    text = "\n".join(w.lines) + "\n"
    if layout.crlf:
        text = text.replace("\n", "\r\n")
    return Rendered(text=text, cells=dict(w.cells), headings=headings, title_line=title_line)


def expected_tables(report: SynthReport) -> dict:
    """The ``tables`` part of ``show --format json`` that ``report`` must parse back to."""
    active: dict = {}
    for (label, column), value in report.active.items():
        active.setdefault(label, {})[column] = value
    return {
        "active": active,
        "applications": {"columns": list(APPLICANT_COLUMNS),
                         "rows": {k: list(report.applications[k]) for k in APPLICATION_ROWS_2021}},
        "review_litigation": {g: list(report.review[g]) for g in REVIEW_GROUPS},
    }
