"""``gip-lint annotate REPORT.docx -o REVIEWED.docx``: the findings as Word comments in a copy.

The office drafting a report works in Word or WPS: each finding becomes a comment (author
"gip-lint") on the paragraph or table cell it is about, in a copy; the original is only read.
Positions are the docx reader's (gip_lint/readers/docx_reader.py): a diagnostic's line is the
number of a body paragraph or table row, counted in reading order, and in a row its column is
the cell's grid column; :func:`gip_lint.report.suppression.body_targets` walks the body the
same way (suppressions written as Word comments are found with it too).
"""

from __future__ import annotations

import os
import sys

ANNOTATABLE = (".docx",)
AUTHOR, INITIALS = "gip-lint", "GL"


def add_parser(subparsers) -> None:
    from gip_lint.config.options import add_arguments

    parser = subparsers.add_parser(
        "annotate", help="把问题写成 Word 批注，生成审阅副本",
        description="检查一份 .docx 报告，把每个问题作为批注（作者 gip-lint）写在对应的段落或单元格上，"
                    "另存为 -o 指定的副本；原文件不会被修改。设置与 check 相同（最近的配置文件）")
    parser.add_argument("path", metavar="REPORT.docx", help="要检查的 Word 报告（.docx）")
    parser.add_argument("-o", "--output", required=True, metavar="REVIEWED.docx", help="带批注的副本写到这里")
    add_arguments(parser, flags=("--config", "--isolated", "--select", "--ignore"), grouped=False,
                  helps={"--config": "使用这个配置文件（同 check --config）", "--select": "只启用这些代码或前缀（同 check）",
                         "--ignore": "忽略这些代码或前缀（同 check）"})


def run(args) -> int:
    from gip_lint.cli.main import EXIT_CLEAN, EXIT_FINDINGS, UsageError

    path, output = args.path, args.output
    if not path.lower().endswith(ANNOTATABLE):
        raise UsageError(f"annotate 只能给 Word 文档（{', '.join(ANNOTATABLE)}）加批注：{path} 不是。"
                         "其他格式（.txt .md .html .pdf）请用 gip-lint check，"
                         "或用 --format html / xlsx 生成审阅页面、表格；.doc/.wps 请先另存为 .docx")
    if not os.path.isfile(path):
        raise UsageError(f"文件不存在：{path}")
    if os.path.exists(output) and os.path.samefile(path, output):
        raise UsageError("输出文件不能是被检查的原文件：annotate 从不修改原文件，请用 -o 指定另一个文件名")
    diagnostics = _lint(path, args)
    unreadable = [d for d in diagnostics if d.code == "GIP001"]
    if unreadable:
        for d in unreadable:
            print(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}", file=sys.stderr)
        raise UsageError(f"无法读取 {path}，没有生成审阅副本")
    with open(path, "rb") as handle:
        data = handle.read()
    reviewed = annotate_bytes(data, diagnostics)
    try:
        with open(output, "wb") as handle:
            handle.write(reviewed)
    except OSError as exc:
        raise UsageError(f"无法写入 {output}：{exc.strerror or exc}") from None
    print(f"gip-lint: {len(diagnostics)} 个问题已作为批注写入 {output}", file=sys.stderr)
    return EXIT_FINDINGS if diagnostics else EXIT_CLEAN


def _lint(path: str, args) -> list:
    """The diagnostics ``gip-lint check PATH`` reports, with the same configuration."""
    from gip_lint.engine import runner
    from gip_lint.cli.main import UsageError
    from gip_lint.config.files import ConfigError, Resolver
    from gip_lint.config.settings import from_args

    try:
        cli = from_args(args)
        resolver = Resolver(cli, config_path=args.config, isolated=args.isolated)
        settings, plugins = resolver.settings_for(path), resolver.plugins_for(path)
    except (ValueError, ConfigError) as exc:
        raise UsageError(str(exc)) from None
    from gip_lint.engine.plugins import report_plugin_errors
    from gip_lint.report.suppression import apply_suppressions

    result = runner.linter_for(settings, plugins, resolver)(path)
    report_plugin_errors(resolver.plugin_errors)  # as check says them
    return apply_suppressions(path, result.diagnostics, resolver.selection_for(settings, path))


def comment_text(diagnostic) -> str:
    text = f"{diagnostic.code} {diagnostic.message}"
    if diagnostic.suggestion is not None:
        text += f"\n建议值：{diagnostic.suggestion.value}"
    return text


def annotate_bytes(data: bytes, diagnostics) -> bytes:
    """The .docx ``data`` with one comment per diagnostic (none of them dropped)."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    from gip_lint.report.suppression import body_targets

    targets = body_targets(document)
    for diagnostic in diagnostics:
        runs = _anchor_runs(document, targets, diagnostic.line, diagnostic.column)
        document.add_comment(runs, text=comment_text(diagnostic), author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _anchor_runs(document, targets: dict, line: int, column: int):
    """The runs a comment at (line, column) spans: the cell's or the paragraph's (made if none)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    target = targets.get(line)
    if isinstance(target, dict):  # a table row: the cell at the grid column (the nearest one before)
        candidates = [c for c in sorted(target) if c <= column] or sorted(target)
        target = target[candidates[-1]] if candidates else None
    if target is None:  # a position outside the body (1:1 of an empty document): its first paragraph
        target = next(iter(document.element.body.iter(qn("w:p"))), None)
        if target is None:
            target = document.add_paragraph()._p
    paragraphs = [target] if target.tag == qn("w:p") else list(target.iter(qn("w:p")))
    if not paragraphs:  # a cell must hold a paragraph; a malformed one gets one
        paragraphs = [target.add_p()]
    wrapped = [Paragraph(p, document._body) for p in paragraphs]
    runs = [run for paragraph in wrapped for run in paragraph.runs]
    if not runs:  # a blank cell or empty paragraph: an empty run to hang the comment on
        runs = [wrapped[0].add_run()]
    return runs
