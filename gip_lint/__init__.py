"""gip-lint: a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

Library use::

    import gip_lint
    report = gip_lint.parse(Path("report.txt"))
    report.applications.rows["三(七)"]        # the seven cells of 三(七)
    report.to_json_dict()                       # the stable extraction object
    gip_lint.lint_paths(["reports/"])           # diagnostics, as ``gip-lint check``
    gip_lint.extract(["reports/"])              # one row per report, as ``show --format csv``
"""

__version__ = "0.1.0"


def parse(text_or_path, path: str = "<string>"):
    """Parse a report (text, bytes or path) into a :class:`gip_lint.model.Report`."""
    from gip_lint.api import parse as _parse

    return _parse(text_or_path, path=path)


def lint_paths(paths, **options):
    """Lint files and directories as ``gip-lint check`` does (see :func:`gip_lint.api.lint_paths`)."""
    from gip_lint.api import lint_paths as _lint_paths

    return _lint_paths(paths, **options)


def extract(paths, **options):
    """One typed row per report, as ``show --format csv`` (see :func:`gip_lint.api.extract`)."""
    from gip_lint.api import extract as _extract

    return _extract(paths, **options)


def extract_table(paths, **options):
    """:func:`extract` as a pyarrow Table (see :func:`gip_lint.api.extract_table`)."""
    from gip_lint.api import extract_table as _extract_table

    return _extract_table(paths, **options)


def __getattr__(name):
    # ``gip_lint.hookimpl`` is what plugin authors mark their hooks with (see hookspecs.py);
    # resolved on first use so that ``import gip_lint`` does not import pluggy.
    if name == "hookimpl":
        from gip_lint.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'gip_lint' has no attribute {name!r}")


__all__ = ["parse", "lint_paths", "extract", "extract_table", "hookimpl", "__version__"]
