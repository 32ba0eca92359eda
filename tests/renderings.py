"""Render a text report (the seeds) as it is published: web pages and Word documents.

Three web-page styles, as government sites produce them:

* ``word``  — Word's "save as web page": GB2312 ``<meta>`` and GBK bytes, ``MsoNormal``
  paragraphs, labels split over ``<span>`` runs, ``<o:p>&nbsp;</o:p>`` in blank cells,
  Chinese lines wrapped inside the source, conditional comments and XML islands; tables in
  the national template's layout (the 3×3 note cell, 申请人情况 over seven columns, group
  labels spanning their rows), table 二 on a finer grid whose header spans disagree with its
  value rows (as when Word rows have their own cell widths).
* ``cms``   — a UTF-8 CMS article page: navigation, breadcrumb, sidebar, a metadata table,
  scripts and footer around the article; ``<th>``, ``<tbody>``, ``<br>`` inside header cells,
  ``&nbsp;`` blanks, ``<font>``-split labels; template-layout tables.
* ``flat``  — an old table-layout page in GBK with no ``<meta>`` charset, ``<div>`` paragraphs,
  ``<h3>`` headings, unclosed ``<td>``/``<tr>``, and the seed's own rows with their merged
  cells rebuilt as rowspan/colspan.

And two Word layouts (``template``, ``flat``) written with python-docx, merged cells included.
Every renderer records where each cell of table 三 stands in what it wrote, so tests can
check that a diagnostic lands on it.
"""

from __future__ import annotations

import html
import io
import re
from typing import Optional

import attrs

from gip_lint.model.document import TableBlock, TextLine
from gip_lint.model.labels import APPLICANT_COLUMNS, APPLICATION_ROWS_2021, REVIEW_COLUMNS, REVIEW_GROUPS
from gip_lint.model.tables import classify
from gip_lint.parsing.parser import parse_blocks
from gip_lint.source import from_text
from gip_lint.testing.synth import ROW_LABELS

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OTHER_ORGANISATIONS = APPLICANT_COLUMNS[1:6]


# --- the seed as paragraphs and tables --------------------------------------------------------------


@attrs.define
class SeedTable:
    kind: Optional[str]
    rows: list  # list[list[str]]: the cells as written


def seed_structure(text: str) -> list:
    """The seed's blocks: a str per prose line, a SeedTable per table (split tables joined)."""
    source = from_text(text)
    out: list = []
    previous_table = False
    for block in parse_blocks(source.text, source.original):
        if isinstance(block, TableBlock):
            kind = classify(block)
            rows = [[c.raw for c in row.cells] for row in block.rows]
            if previous_table and isinstance(out[-1], SeedTable) and kind in (None, out[-1].kind):
                out[-1].rows.extend(rows)
            else:
                out.append(SeedTable(kind, rows))
            previous_table = True
        else:
            assert isinstance(block, TextLine)
            out.append(block.raw)
            previous_table = False
    return out


# --- template layouts: (text, rowspan, colspan, cell id) per row -------------------------------------

Cell = tuple  # (text, rowspan, colspan, cell id or None)


def _value(cell) -> str:
    return "" if cell is None else cell.raw


def template_active(report) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for block in report.active.blocks:
        items = [item for item in report.active.items if item.block == block]
        if not items:
            continue
        rows.append([(block, 1, 4, None)])
        columns = list(items[0].cells)
        if len(columns) == 1:
            rows.append([("信息内容", 1, 1, None), (columns[0], 1, 3, None)])
        else:
            rows.append([("信息内容", 1, 1, None)] + [(c, 1, 1, None) for c in columns])
        for item in items:
            values = [_value(item.cells.get(c)) for c in columns]
            if len(values) == 1:
                rows.append([(item.label, 1, 1, None), (values[0], 1, 3, None)])
            else:
                rows.append([(item.label, 1, 1, None)] + [(v, 1, 1, None) for v in values])
    return rows


def misaligned_active(report) -> list[list[Cell]]:
    """Table 二 as Word exports it when rows have their own cell widths: a finer grid where the
    header cells' edges (2 | 3 2 3) do not line up with the value cells' (3 | 2 3 2)."""
    rows = []
    for row in template_active(report):
        texts = [text for text, *_ in row]
        if len(texts) == 1:
            rows.append([(texts[0], 1, 10, None)])
        elif texts[0] == "信息内容":
            spans = (2, 3, 2, 3) if len(texts) == 4 else (2, 8)
            rows.append([(t, 1, n, None) for t, n in zip(texts, spans)])
        else:
            spans = (3, 2, 3, 2) if len(texts) == 4 else (3, 7)
            rows.append([(t, 1, n, None) for t, n in zip(texts, spans)])
    return rows


def template_applications(report) -> list[list[Cell]]:
    table = report.applications.rows
    rows: list[list[Cell]] = [
        [(NOTE, 3, 3, None), ("申请人情况", 1, 7, None)],
        [("自然人", 2, 1, None), ("法人或其他组织", 1, 5, None), ("总计", 2, 1, None)],
        [(name, 1, 1, None) for name in OTHER_ORGANISATIONS],
    ]
    group_sizes = {"三(三)1": 8, "三(四)1": 3, "三(五)1": 5, "三(六)1": 3}
    for key in APPLICATION_ROWS_2021:
        values = [(_value(c), 1, 1, (key, index)) for index, c in enumerate(table[key])]
        group, own = ROW_LABELS[key]
        if key in ("一", "二", "四"):
            labels = [(group, 1, 3, None)]
        elif key in ("三(一)", "三(二)", "三(七)"):
            labels = [(group, 1, 2, None)]
            if key == "三(一)":
                labels.insert(0, ("三、本年度办理结果", 22, 1, None))
        elif key in group_sizes:
            labels = [(group, group_sizes[key], 1, None), (own, 1, 1, None)]
        else:
            labels = [(own, 1, 1, None)]
        rows.append(labels + values)
    return rows


def template_review(report) -> list[list[Cell]]:
    groups = report.review_litigation.groups
    columns = [(c, 1, 1, None) for c in REVIEW_COLUMNS]
    return [
        [("行政复议", 1, 5, None), ("行政诉讼", 1, 10, None)],
        [(c, 2, 1, None) for c in REVIEW_COLUMNS] + [("未经复议直接起诉", 1, 5, None), ("复议后起诉", 1, 5, None)],
        columns + columns,
        [(_value(c), 1, 1, None) for group in REVIEW_GROUPS for c in groups[group]],
    ]


_NUMBER = re.compile(r"^[\d.]+$")


def rebuild_merges(rows: list[list[str]]) -> list[list[Cell]]:
    """A seed's rows with merged cells put back: in a row without numbers a label absorbs the
    blank cells after it (colspan); a blank cell under a label, before the row's numbers,
    belongs to that label (rowspan).  Expanding the merges gives the seed's rows again."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    widths = [len(r) for r in rows]
    owner: dict = {}  # (r, c) → (r0, c0) of the cell covering it
    spans: dict = {}  # (r0, c0) → [rowspan, colspan]
    for r, row in enumerate(grid):
        numeric = [c for c in range(widths[r]) if _NUMBER.match(row[c].strip())]
        first_number = numeric[0] if numeric else widths[r]
        c = 0
        while c < widths[r]:
            text = row[c].strip()
            above = owner.get((r - 1, c))
            if not text and c < first_number and above and grid[above[0]][above[1]].strip() \
                    and not _NUMBER.match(grid[above[0]][above[1]].strip()):
                r0, c0 = above
                colspan = spans[(r0, c0)][1]
                cols = range(c0, c0 + colspan)
                if c == c0 and all(c2 < first_number and c2 < widths[r] and not grid[r][c2].strip()
                                   and owner.get((r - 1, c2)) == above for c2 in cols):
                    spans[(r0, c0)][0] = r - r0 + 1
                    for c2 in cols:
                        owner[(r, c2)] = above
                    c += colspan
                    continue
            spans[(r, c)] = [1, 1]
            owner[(r, c)] = (r, c)
            if text and not numeric and not _NUMBER.match(text):
                end = c + 1
                while end < widths[r] and not row[end].strip():
                    end += 1
                spans[(r, c)][1] = end - c
                for c2 in range(c, end):
                    owner[(r, c2)] = (r, c)
                c = end
                continue
            c += 1
    out = []
    for r in range(len(grid)):
        out.append([(grid[r][c], spans[(r, c)][0], spans[(r, c)][1], None)
                    for c in range(widths[r]) if (r, c) in spans])
    return out


# --- HTML -------------------------------------------------------------------------------------------


@attrs.define
class Page:
    html: str
    data: bytes
    cells: dict  # (row key, column index) → (offset of "<td", offset of the text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, as an editor shows it."""
        before = self.html[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


class _Html:
    def __init__(self, style: str):
        self.style = style
        self.parts: list[str] = []
        self.length = 0
        self.cells: dict = {}
        self.gbk = style in ("word", "flat")

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def esc(self, text: str, wrap: bool = False) -> str:
        out = []
        for index, char in enumerate(text):
            if char in "<>&":
                out.append(html.escape(char))
            elif self.gbk and not _encodable(char):
                out.append(f"&#{ord(char)};")
            else:
                out.append(char)
            # Word wraps long Chinese lines inside the source, between two wide characters.
            if wrap and index % 37 == 36 and index + 1 < len(text) and _wide(char) and _wide(text[index + 1]):
                out.append("\n")
        return "".join(out)

    def split(self, text: str, tag: str) -> str:
        """A label in two or three runs, as editors leave them."""
        if len(text) < 4:
            return f"<{tag}>{self.esc(text)}</{tag.split()[0]}>"
        a, b = len(text) // 3, 2 * len(text) // 3
        close = f"</{tag.split()[0]}>"
        return "".join(f"<{tag}>{self.esc(piece)}{close}" for piece in (text[:a], text[a:b], text[b:]))


def _encodable(char: str) -> bool:
    try:
        char.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def _wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def _table_html(w: _Html, rows: list[list[Cell]]) -> None:
    style = w.style
    w.write({"word": "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n",
             "cms": '<table class="table" border="1" cellspacing="0" width="100%"><tbody>\n',
             "flat": "<TABLE border=1 width=600>\n"}[style])
    for r, row in enumerate(rows):
        w.write({"word": "<tr style='height:20.0pt'>\n", "cms": "<tr>", "flat": "<TR>"}[style])
        header = not any(_NUMBER.match(text.strip()) for text, *_ in row) and r < 3
        for text, rowspan, colspan, ident in row:
            attrs_text = (f" rowspan={rowspan}" if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
            tag = "th" if style == "cms" and header else ("TD" if style == "flat" else "td")
            tag_offset = w.length
            if style == "word":
                w.write(f"<{tag}{attrs_text} width=60 valign=top style='border:solid windowtext 1.0pt'>"
                        "<p class=MsoNormal align=center style='text-align:center'>")
                text_offset = w.length
                if text.strip():
                    w.write(w.split(text, "span style='font-family:仿宋_GB2312'") if not _NUMBER.match(text)
                            else f"<span lang=EN-US>{w.esc(text)}</span>")
                    w.write("<span lang=EN-US><o:p></o:p></span>")
                else:
                    w.write("<span lang=EN-US><o:p>&nbsp;</o:p></span>")
                w.write(f"</p></{tag}>\n")
            elif style == "cms":
                w.write(f'<{tag}{attrs_text} style="text-align:center">')
                text_offset = w.length
                if not text.strip():
                    w.write("&nbsp;")
                elif _NUMBER.match(text):
                    w.write(w.esc(text))
                elif header and len(text) == 4:  # "结果<br>维持"
                    w.write(f"{w.esc(text[:2])}<br>{w.esc(text[2:])}")
                else:
                    w.write(w.split(text, 'font face="宋体"'))
                w.write(f"</{tag}>")
            else:
                w.write(f"<{tag}{attrs_text}>")
                text_offset = w.length
                w.write(w.esc(text) if text.strip() else "&nbsp;")
                w.write("\n")
            if ident is not None:
                w.cells[ident] = (tag_offset, text_offset)
        w.write({"word": "</tr>\n", "cms": "</tr>\n", "flat": ""}[style])
    w.write({"word": "</table>\n", "cms": "</tbody></table>\n", "flat": "</TABLE>\n"}[style])


def _paragraph_html(w: _Html, text: str, index: int) -> None:
    heading = re.match(r"^[一二三四五六]、", text) is not None
    if w.style == "word":
        if heading:
            w.write(f"<p class=MsoNormal><b><span style='font-family:黑体'>{w.esc(text, wrap=True)}</span></b></p>\n")
        else:
            w.write("<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>"
                    f"{w.esc(text, wrap=True)}<span lang=EN-US><o:p></o:p></span></span></p>\n")
    elif w.style == "cms":
        if heading:
            w.write(f"<p><strong>{w.esc(text)}</strong></p>\n")
        else:
            w.write(f'<p style="text-indent:2em;">&nbsp;&nbsp;{w.esc(text)}</p>\n')
    else:
        w.write(f"<h3>{w.esc(text)}</h3>\n" if heading else f"<div>{w.esc(text)}</div>\n")


WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15">
<title>政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml>
 <w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument>
</xml><![endif]-->
<style>
<!-- p.MsoNormal {margin:0cm; font-size:10.5pt;} td {border:1px solid} -->
</style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<div class=WordSection1 style='layout-grid:15.6pt'>
<p class=MsoNormal><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></p>
"""

CMS_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_政府信息公开年报_人民政府门户网站</title>
<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<table><tr><td>1</td><td>2</td></tr></table>");</script>
<style>.nav li{{float:left}} td{{border:1px solid #ccc}}</style>
</head>
<body>
<div class="top-bar">您好，欢迎访问人民政府门户网站！ <a href="#">无障碍</a> <a href="#">长者模式</a></div>
<header class="site-header"><img src="/images/logo.png" alt="人民政府门户网站"><h1 class="site-name">人民政府门户网站</h1></header>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/ndbg/">政府信息公开工作年度报告</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年度报告</div>
<aside class="sidebar"><h3>相关推荐</h3><ul><li>2022年政府信息公开工作年度报告</li><li>关于印发工作要点的通知</li></ul></aside>
<div class="article">
<table class="info"><tr><td>索引号：</td><td>11410000/2024-00012</td><td>发布机构：</td><td>人民政府办公室</td></tr>
<tr><td>成文日期：</td><td>2024-01-20</td><td>主题分类：</td><td>政务公开</td></tr></table>
"""

CMS_FOOT = """<div class="share">分享到：<a>微信</a><a>微博</a> <a href="javascript:window.print()">【打印本页】</a> <a>【关闭窗口】</a></div>
</div>
<div class="pager"><p>上一篇：2022年政府信息公开工作年度报告</p><p>下一篇：关于开展政务公开日活动的通知</p></div>
</div>
<footer class="footer"><p>主办单位：人民政府办公室 版权所有 网站标识码：4101000001 豫ICP备05012345号</p>
<script>var t = "一、总体情况"; console.log(t);</script></footer>
</body>
</html>
"""

FLAT_HEAD = """<HTML><HEAD><TITLE>年度报告</TITLE></HEAD>
<BODY bgcolor=#ffffff>
<TABLE width=760 align=center><TR><TD class=nav>首页 | 政务公开 | 办事服务 | 互动交流</TD></TR>
<TR><TD>
"""

FLAT_FOOT = """</TD></TR>
<TR><TD align=center>版权所有：人民政府 技术支持：信息中心</TD></TR></TABLE>
</BODY></HTML>
"""


def render_html(text: str, style: str) -> Page:
    """The seed ``text`` as a web page in ``style`` ("word", "cms" or "flat")."""
    import gip_lint

    report = gip_lint.parse(text)
    w = _Html(style)
    structure = seed_structure(text)
    title = report.title or ""
    w.write({"word": WORD_HEAD, "cms": CMS_HEAD.format(title=html.escape(title)), "flat": FLAT_HEAD}[style])
    for index, item in enumerate(structure):
        if isinstance(item, SeedTable):
            if style == "flat" or item.kind is None:
                rows = rebuild_merges(item.rows)
            else:
                active = misaligned_active if style == "word" else template_active
                rows = {"二": active, "三": template_applications, "四": template_review}[item.kind](report)
            _table_html(w, rows)
        elif item == title and style == "cms":
            w.write(f'<h1 class="article-title">{w.esc(item)}</h1>\n'
                    '<div class="article-meta">发布时间：2024-01-20 来源：人民政府办公室 浏览次数：<span id="hits">128</span>'
                    " 字号：[大 中 小]</div>\n<div class=\"TRS_Editor\">\n")
        elif item == title and style == "word":
            w.write("<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt'>"
                    f"{w.split(item, 'span')}</span></b></p>\n")
        else:
            _paragraph_html(w, item, index)
    w.write({"word": "</div>\n</body>\n</html>\n", "cms": "</div>\n" + CMS_FOOT, "flat": FLAT_FOOT}[style])
    page = "".join(w.parts)
    data = page.encode("gbk") if w.gbk else page.encode("utf-8")
    return Page(page, data, w.cells)


# --- Word -------------------------------------------------------------------------------------------


@attrs.define
class WordDocument:
    data: bytes
    cells: dict  # (row key, column index) → (paragraph/row number, grid column), both 1-based


def merged_cells(table, rows, width: int):
    """(Word cell, row, column, (value, rowspan, colspan, ident)) for each cell of ``rows`` (as
    the template functions give them) in a python-docx ``table`` ``width`` columns wide, a
    span's cells merged first; row and column are those of the template's grid."""
    grid = table._cells  # computed once: table.cell() rebuilds it on every call
    taken: set = set()
    for r, row in enumerate(rows):
        c = 0
        for entry in row:
            _, rowspan, colspan, _ = entry
            while (r, c) in taken:
                c += 1
            target = grid[r * width + c]
            if rowspan > 1 or colspan > 1:
                target = target.merge(grid[(r + rowspan - 1) * width + c + colspan - 1])
            yield target, r, c, entry
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan


def render_docx(text: str, layout: str = "template") -> WordDocument:
    """The seed ``text`` as a .docx written by python-docx ("template" or "flat" tables)."""
    import docx

    import gip_lint

    report = gip_lint.parse(text)
    document = docx.Document()
    number = 0  # paragraphs and table rows so far (python-docx's template body starts empty)
    cells: dict = {}
    for item in seed_structure(text):
        if isinstance(item, SeedTable):
            if layout == "flat" or item.kind is None:
                rows = rebuild_merges(item.rows)
            else:
                rows = {"二": template_active, "三": template_applications, "四": template_review}[item.kind](report)
            width = max(sum(colspan for _, _, colspan, _ in row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for target, r, c, (value, _, _, ident) in merged_cells(table, rows, width):
                target.text = value
                if ident is not None:
                    cells[ident] = (number + r + 1, c + 1)
            number += len(rows)
        else:
            document.add_paragraph(item)
            number += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return WordDocument(buffer.getvalue(), cells)
