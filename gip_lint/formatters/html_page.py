"""``html``: one self-contained review page for a run (no script, font or style from the network).

For each report: a summary line, its tables 二/三/四 with every cell a finding is about
highlighted (a blank cell that cannot be verified, GIP206, marked apart from a wrong one), and
the findings beside the tables, each linking to its cell.  A finding matches a cell when it
is reported at the cell's position, the position diagnostics carry (the reader's origin).
"""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.formatters.reports import SEVERITY_NAMES, read_with_origin, run_files, severity_counts, suggestion, where
from gip_lint.rule import Diagnostic

def escape(text) -> str:
    from html import escape as html_escape  # on use: html.entities is large, and a plain check needs none of it

    return html_escape(str(text))


BLANK_CODES = {"GIP206"}  # blank, so not provable: "cannot verify", not "wrong"

STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1em;margin:.8em 0 .3em}
.report-body{display:flex;gap:2em;align-items:flex-start}.tables{flex:3;overflow-x:auto}
.findings{flex:2;position:sticky;top:0}
table{border-collapse:collapse;margin-bottom:1em;font-size:.9em}
th,td{border:1px solid #999;padding:.2em .5em;text-align:right}th,td.label{text-align:left}
td.wrong{background:#f8c4c4;outline:2px solid #c00}td.blank{background:#fff1b8;outline:2px dashed #b88a00}
td:target{box-shadow:0 0 0 4px #36c}
li.finding{margin-bottom:.5em}li.finding.blank .code{color:#8a6500}li.finding .code{font-weight:bold;color:#b00}
.summary td,.summary th{text-align:left}.clean{color:#070}
.legend span{padding:0 .5em;margin-right:1em}
"""


def _cell_id(index: int, line: int, column: int) -> str:
    return f"r{index}-l{line}-c{column}"


class _Page:
    def __init__(self, diagnostics: Sequence[Diagnostic], context: FormatContext):
        self.context = context
        self.diagnostics = diagnostics
        self.out: list[str] = []

    def render(self) -> str:
        files = run_files(self.diagnostics, self.context.files)
        by_file = {path: [d for d in self.diagnostics if d.path == path] for path in files}
        loaded = {path: read_with_origin(path) for path in files}
        out = self.out
        out.append('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                   f"<title>gip-lint 审阅页面</title><style>{STYLE}</style></head><body>")
        out.append(f"<h1>gip-lint 审阅页面：{len(files)} 份文件，{len(self.diagnostics)} 个问题</h1>")
        out.append('<p class="legend"><span style="background:#f8c4c4">红色：有错误的单元格</span>'
                   '<span style="background:#fff1b8">黄色虚线：空白、无法核对的单元格（GIP206）</span></p>')
        self._summary(files, by_file, loaded)
        for index, path in enumerate(files):
            self._report(index, path, by_file[path], *loaded[path])
        out.append("</body></html>\n")
        return "".join(out)

    def _summary(self, files, by_file, loaded) -> None:
        rows = []
        for index, path in enumerate(files):
            report = loaded[path][0]
            counts = severity_counts(by_file[path])
            rows.append(f'<tr><td><a href="#report-{index}">{escape(self.context.relative_path(path))}</a></td>'
                        f"<td>{escape(getattr(report, 'organ', None) or '')}</td>"
                        f"<td>{getattr(report, 'year', None) or ''}</td>"
                        + "".join(f"<td>{counts[s]}</td>" for s in SEVERITY_NAMES) + "</tr>")
        head = "".join(f"<th>{name}</th>" for name in SEVERITY_NAMES.values())
        self.out.append(f'<table class="summary"><tr><th>文件</th><th>机关</th><th>年度</th>{head}</tr>'
                        + "".join(rows) + "</table>")

    def _report(self, index: int, path: str, found, report, origin) -> None:
        out = self.out
        title = getattr(report, "title", None) or self.context.relative_path(path)
        out.append(f'<section class="report" id="report-{index}" data-file="{escape(path)}"><h2>{escape(title)}</h2>')
        out.append(f"<p>文件：{escape(self.context.relative_path(path))}　机关：{escape(getattr(report, 'organ', None) or '（未识别）')}"
                   f"　年度：{getattr(report, 'year', None) or '（未识别）'}</p>")
        marks: dict = {}  # (line, column) → codes found there
        for d in found:
            marks.setdefault((d.line, d.column), []).append(d.code)
        shown: set = set()
        out.append('<div class="report-body"><div class="tables">')
        if report is not None:
            self._tables(index, report, origin, marks, shown)
        out.append('</div><div class="findings"><h3>问题</h3>')
        if not found:
            out.append('<p class="clean">没有发现问题。</p>')
        else:
            out.append("<ol>")
            for d in found:
                out.append(self._finding(index, d, (d.line, d.column) in shown))
            out.append("</ol>")
        out.append("</div></div></section>")

    def _finding(self, index: int, d: Diagnostic, in_table: bool) -> str:
        page, line, column = where(d)
        place = (f"第 {page} 页 " if page else "") + f"{line}:{column}"
        kind = "blank" if d.code in BLANK_CODES else "wrong"
        target = _cell_id(index, line, column)
        code = (f'<a class="code" href="#{target}">{escape(d.code)}</a>' if in_table
                else f'<span class="code">{escape(d.code)}</span>')
        extra = f"（建议值：{escape(suggestion(d))}）" if suggestion(d) else ""
        return (f'<li class="finding {kind}" data-code="{escape(d.code)}" data-cell="{target if in_table else ""}">'
                f"{code} <span class=\"where\">{place}</span> "
                f'<span class="message">{escape(d.message)}</span>{extra}</li>')

    def _cell(self, index: int, cell, origin, marks, shown) -> str:
        if cell is None:
            return "<td></td>"
        line, column = origin(cell.line, cell.column)
        codes = marks.get((line, column), ())
        text = escape(cell.raw)
        if not codes:
            return f"<td>{text}</td>"
        shown.add((line, column))
        kind = "blank" if all(code in BLANK_CODES for code in codes) else "wrong"
        return (f'<td id="{_cell_id(index, line, column)}" class="{kind}" data-codes="{" ".join(codes)}" '
                f'title="{escape(" ".join(codes))}">{text}</td>')

    def _tables(self, index, report, origin, marks, shown) -> None:
        from gip_lint.model.labels import APPLICANT_COLUMNS, APPLICATION_ROW_NAMES, REVIEW_COLUMNS

        active = report.active
        if active is not None:
            columns = list(dict.fromkeys(c for item in active.items for c in item.cells))
            self._table("二、主动公开政府信息情况", ("项", "信息内容", *columns),
                        [((item.block, item.label), [item.cells.get(c) for c in columns]) for item in active.items],
                        index, origin, marks, shown)
        if report.applications is not None:
            self._table("三、收到和处理政府信息公开申请情况", ("行", *APPLICANT_COLUMNS),
                        [((APPLICATION_ROW_NAMES.get(key, key),), cells)
                         for key, cells in report.applications.rows.items()], index, origin, marks, shown)
        if report.review_litigation is not None:
            self._table("四、政府信息公开行政复议、行政诉讼情况", ("组", *REVIEW_COLUMNS),
                        [((group,), cells) for group, cells in report.review_litigation.groups.items()],
                        index, origin, marks, shown)

    def _table(self, title, headers, rows, index, origin, marks, shown) -> None:
        """One table: its label cells, then its value cells marked with their findings."""
        self.out.append(f"<h3>{title}</h3><table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>")
        for labels, cells in rows:
            self.out.append("<tr>" + "".join(f'<td class="label">{escape(label)}</td>' for label in labels)
                            + "".join(self._cell(index, c, origin, marks, shown) for c in cells) + "</tr>")
        self.out.append("</table>")

def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    return _Page(diagnostics, context).render()


HTML = Formatter("html", "自包含的审阅网页（宜配合 --output-file）：各报告的表二/三/四，问题单元格高亮", render)
