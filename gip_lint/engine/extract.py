"""What ``gip-lint show`` extracts from one file, in one of its formats (in a worker with ``-j``
or on a Dask cluster, and for :func:`gip_lint.api.extract`)."""

from __future__ import annotations

#: The formats with one wide row per report (:mod:`gip_lint.report.corpus_table`).
TABLE_FORMATS = ("csv", "parquet")


class ShowTask:
    """Read one file and render it in the chosen format (runs in a worker with ``-j``).

    ``form``: one of show's formats, or ``source-text`` (``show --text``).  Returns (path,
    output, codes found, error message); only the table formats run the rules, for their
    per-code counts.
    """

    def __init__(self, form: str, plugins):
        self.form, self.plugins = form, plugins
        self.codes = [rule.code for rule in plugins.rules]

    def __call__(self, path: str):
        from gip_lint.api import parse_source
        from gip_lint.engine.core_codes import NOT_A_REPORT
        from gip_lint.engine.linter import lint_source, read_source
        from gip_lint.rule import Diagnostic

        source = read_source(path, self.plugins.readers)
        if isinstance(source, Diagnostic):
            return (path, None, [source.code],
                    f"{source.path}:{source.line}:{source.column}: {source.code} {source.message}")
        if self.form == "source-text":  # show --text: the text the grammar reads, line for line
            return path, source.original.rstrip("\n"), [], None
        if self.form in TABLE_FORMATS:
            from gip_lint.report.corpus_table import row

            result = lint_source(source, self.plugins.rules)
            report = result.report
            codes = [d.code for d in result.diagnostics]
            if report is None:  # the parser failed: lint_source reported it
                return path, None, codes, f"{path}:1:1: {codes[0] if codes else ''} 报告未能解析"
            return path, row(report, codes, self.codes), codes, None
        report = in_user_positions(parse_source(source), source)
        codes = [] if report.is_report else [NOT_A_REPORT.code]
        page = source.page if source.kind == "pdf" else None  # a PDF's sections are named by page too
        if self.form == "text":
            from gip_lint.report.report_text import render_text

            output = render_text(report, page)
        else:
            import json

            data = report.to_json_dict()
            if page is not None:
                for section, entry in zip(report.sections, data["sections"]):
                    entry["page"] = page(section.line, section.column)
            output = json.dumps(data, ensure_ascii=False)
        return path, output, codes, None


def in_user_positions(report, source):
    """The report with section and problem positions in the file the user opened (HTML line
    and column, Word paragraph number) rather than in the text gip-lint generated from it."""
    import attrs

    if source.kind == "text":
        return report
    sections = tuple(attrs.evolve(s, line=line, column=column)
                     for s in report.sections for line, column in [source.origin(s.line, s.column)])
    problems = tuple(attrs.evolve(p, line=line, column=column)
                     for p in report.problems for line, column in [source.origin(p.line, p.column)])
    return attrs.evolve(report, sections=sections, problems=problems)


