"""The option table: every option of ``gip-lint check``, declared once.

Each :class:`Option` is one command-line flag and, when it has a ``key``, one configuration key.
From this table come

- the fields and defaults of :class:`gip_lint.config.settings.Settings` (a key's field is the
  key with ``_`` for ``-``) and how the layers combine (``kind``);
- the checks of a configuration file (:mod:`gip_lint.config.reading`: an unknown key, a value
  of the wrong type) and the reading of the command line (``settings.from_args``);
- the arguments of ``check`` (and the few that ``show``, ``annotate`` and ``lsp`` share), their
  help texts and groups: :func:`add_arguments`;
- ``check --show-settings`` (the fields in table order, shown by key);
- the key tables of README.md and docs/configuration.md: ``python -m gip_lint.config.options
  --write`` regenerates them (:mod:`gip_lint.config.options_docs`; a test fails while they differ).

As in ruff, whose settings struct carries each option's documentation, default and type for the
generated reference, the help text and the documentation of a key sit next to its parser.  An
option without a ``key`` exists only on the command line (paths of output files, the baseline,
``-j`` …); it is in the table so that ``--help`` keeps its groups and order.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

from gip_lint.config import values as v
from gip_lint.source import DEFAULT_MAX_BYTES

#: How a higher layer combines with the one below (docs/configuration.md, "Order of precedence").
REPLACES, ADDS, MERGES = "replaces", "adds", "merges"

#: Seconds one file may take to read and check before it is given up (GIP001); 0: no limit.
DEFAULT_TIME_LIMIT = 20.0
#: The severity from which a diagnostic makes the exit status 1.
DEFAULT_FAIL_ON = "warning"


class Option(NamedTuple):
    flags: tuple[str, ...]  # the command-line flags of ``check``
    help: str  # the help text (Chinese, as the CLI speaks)
    group: str  # the --help group it is listed in
    key: Optional[str] = None  # the configuration key; None: a command-line-only flag
    default: Any = None  # the Settings default (a dict: a fresh one per Settings)
    toml: Optional[Callable] = None  # checks a configuration file's value (gip_lint.config.values)
    read: Callable = v.cli_as_given  # turns what argparse stored into the setting; None: not given
    arg: Optional[dict] = None  # further argparse keywords (action, metavar, type, choices …)
    kind: str = REPLACES
    per_file: bool = True  # False: read once per run, from the configuration of the first PATH
    doc_type: str = ""  # the documentation's "type" column
    doc: str = ""  # the documentation's "meaning" column
    doc_cli: str = ""  # said after the flag in the documentation, e.g. "(repeatable)"
    doc_default: str = ""  # the default as the documentation shows it, when the value alone is unclear

    @property
    def field(self) -> str:
        return self.key.replace("-", "_")

    @property
    def dest(self) -> str:
        """The attribute argparse stores it under (as argparse names it)."""
        long = next((f for f in self.flags if f.startswith("--")), self.flags[0])
        return long.lstrip("-").replace("-", "_")


RULES, FILES, OUTPUT, BASELINE, CORPUS, CACHE = (
    "规则选择", "文件与配置", "输出", "基线（已审阅的问题）", "整批检查", "结果缓存")
STORE_TRUE = {"action": "store_true"}
CODES_TYPE = "list of codes or prefixes"

OPTIONS: tuple[Option, ...] = (
    Option(("--select",), "只启用这些代码或前缀（逗号分隔，如 GIP2,GIP301）", RULES,
           key="select", default=(), toml=v.toml_codes, read=v.split_codes,
           doc_type=CODES_TYPE, doc="only these codes run (empty: all)"),
    Option(("--extend-select",), "在 select 之外再启用这些代码", RULES,
           key="extend-select", default=(), toml=v.toml_codes, read=v.split_codes, kind=ADDS,
           doc_type=CODES_TYPE, doc="added to `select`"),
    Option(("--ignore",), "忽略这些代码或前缀", RULES,
           key="ignore", default=(), toml=v.toml_codes, read=v.split_codes, kind=ADDS,
           doc_type=CODES_TYPE, doc="these codes do not run"),
    Option(("--per-file-ignores",), "对匹配的文件忽略这些代码（可重复，如 drafts/*.txt:GIP206）", RULES,
           key="per-file-ignores", default=(), toml=v.toml_per_file_codes, read=v.cli_per_file_codes,
           arg={"action": "append", "metavar": "GLOB:CODES"}, kind=ADDS,
           doc_type="table: glob → list of codes", doc="codes switched off for matching files; they always win"),
    Option(("--severity",), "改变某个代码的严重程度（可重复，如 GIP206=error）", RULES,
           key="severity", default={}, toml=v.toml_severities, read=v.cli_severities,
           arg={"action": "append", "metavar": "CODE=LEVEL"}, kind=MERGES,
           doc_type="table: code → `error`/`warning`/`info`", doc="change a code's severity (exact codes)"),
    Option(("--preview",), "也运行预览规则（Rule.preview；配置键 preview）", RULES,
           key="preview", default=False, toml=v.toml_bool, read=v.cli_true, arg=STORE_TRUE,
           doc_type="`true`/`false`", doc="also run preview rules (`@rule(..., preview=True)`); without it a "
                                          "preview rule never runs, whatever selects it (as in ruff; one selected by its exact code is "
                                          "warned about on stderr)"),
    Option(("--fail-on",), f"达到此严重程度才以 1 退出（默认 {DEFAULT_FAIL_ON}）", RULES,
           key="fail-on", default=DEFAULT_FAIL_ON, toml=v.toml_severity, read=v.cli_severity,
           arg={"choices": ("error", "warning", "info")},
           doc_type="`error`/`warning`/`info`", doc="exit 1 when a diagnostic of this severity or higher remains"),

    Option(("--exclude",), "跳过匹配的文件或目录（逗号分隔，可重复）", FILES,
           key="exclude", default=(), toml=v.toml_globs, read=v.cli_globs,
           arg={"action": "append", "metavar": "GLOBS"}, kind=ADDS, doc_cli="(repeatable, comma-separated)",
           doc_type="list of globs", doc="files and directories skipped when walking directories"),
    Option(("--force-exclude",), "命令行直接给出的文件也按 exclude 跳过（供 pre-commit 使用）", FILES,
           arg=STORE_TRUE),
    Option(("--config",), "对所有文件使用这个配置文件（.gip-lint.toml 或 pyproject.toml）", FILES,
           arg={"metavar": "FILE"}),
    Option(("--isolated",), "不读取任何配置文件", FILES, arg=STORE_TRUE),
    Option(("--plugin",), "加载本地插件模块（.py 文件，可重复）", FILES,
           key="plugins", default=(), toml=v.toml_plugin_files, read=v.cli_plugin_files,
           arg={"action": "append", "metavar": "FILE"}, kind=ADDS,
           doc_type="list of paths", doc="local plugin modules, relative to the configuration file"),
    Option(("--no-local-plugins",), "不加载配置文件列出的本地插件（检查来历不明的目录时使用，见 SECURITY.md）", FILES,
           arg=STORE_TRUE),
    Option(("--require-plugins",), "这些插件（入口点名或包名，逗号分隔）没有加载时以 2 退出（用于 CI）", FILES,
           key="require-plugins", default=(), toml=v.toml_names, read=v.cli_names,
           arg={"metavar": "NAME,…"}, kind=ADDS, per_file=False,
           doc_type="list of plugin names (entry-point or distribution name)",
           doc="exit 2 when one of them is not installed or failed to load: a province's CI cannot pass by "
               "silently running without its rules"),
    Option(("--show-settings",), "显示适用于 PATH 的设置及每项的来源，不做检查", FILES, arg=STORE_TRUE),
    Option(("--max-file-size",), "超过此大小的文件报告 GIP001 而不解析", FILES,
           key="max-file-size", default=DEFAULT_MAX_BYTES, toml=v.toml_bytes,
           arg={"type": int, "metavar": "BYTES"}, doc_default="20 MiB",
           doc_type="positive integer (bytes)", doc="larger files get GIP001 instead of a parse"),
    Option(("--time-limit",), f"读取和检查一个文件最多用时（默认 {DEFAULT_TIME_LIMIT:g} 秒；0 表示不限），超时报告 GIP001 并继续下一个文件",
           FILES,
           key="time-limit", default=DEFAULT_TIME_LIMIT, toml=v.toml_seconds,
           arg={"type": v.arg_seconds, "metavar": "SECONDS"}, per_file=False, doc_type="seconds, ≥ 0",
           doc="a file that takes longer to read and check is one GIP001 “读取/检查用时超过 N 秒” and the run "
               "goes on (0: no limit); see SECURITY.md"),
    Option(("--stdin-filename",), "从标准输入读取时使用的文件名", FILES),
    Option(("--previous",), "同一机关上一年度的报告，用于跨年度核对（GIP506–GIP508）；只能检查一份报告。"
                            "不给出时，同一次检查中同一机关相邻两年的报告自动配对", FILES, arg={"metavar": "FILE"}),

    Option(("--format",), "输出格式：default, full, json, json-lines, sarif, github, "
                          "xlsx（须 --output-file）, html（审阅网页）, parquet（须 --output-file）（插件可增加）", OUTPUT,
           key="format", default="default", toml=v.toml_string, per_file=False,
           doc_type="string", doc="output format (“Output formats”); `--show-source` is `--format full`"),
    Option(("--show-source",), "同 --format full", OUTPUT, arg=STORE_TRUE),
    Option(("--output-file",), "把输出写入文件而不是标准输出", OUTPUT, arg={"metavar": "FILE"}),
    Option(("--statistics",), "在最后列出每个代码的数量", OUTPUT, arg=STORE_TRUE),
    Option(("--count",), "在最后打印问题总数", OUTPUT, arg=STORE_TRUE),
    Option(("--exit-zero",), "有问题也以 0 退出（规则出错 GIP999 除外）", OUTPUT, arg=STORE_TRUE),

    Option(("--baseline",), "不再报告基线文件中记录的问题，只报告新问题", BASELINE, arg={"metavar": "FILE"}),
    Option(("--write-baseline",), "把当前的全部问题记录到基线文件，以 0 退出", BASELINE, arg={"metavar": "FILE"}),

    Option(("-j", "--jobs"), "并行检查的进程数（默认：CPU 核数；1 表示不并行）", CORPUS,
           arg={"type": v.arg_jobs, "default": None, "metavar": "N"}),
    Option(("--scheduler",), "在这个 Dask distributed 集群上检查（需要 gip-lint[corpus]；工作进程须能以相同路径读到文件）",
           CORPUS, arg={"metavar": "tcp://HOST:PORT"}),
    Option(("--summary",), "在标准错误输出末尾打印汇总：文件数、识别为报告的份数、各代码的问题数"
                           "（默认：20 个文件以上时打印）", CORPUS, arg={"action": "boolean-optional", "default": None}),

    Option(("--cache-dir",), "把每个文件的检查结果缓存在此目录：内容、设置和插件版本都未变的文件不再检查（默认不缓存）", CACHE,
           key="cache-dir", toml=v.toml_directory, read=v.cli_directory, arg={"metavar": "DIR"}, per_file=False,
           doc_cli="(`--no-cache` turns it off)", doc_default="no cache",
           doc_type="directory path, relative to the configuration file",
           doc="the result cache (README, “Result cache”)"),
    Option(("--no-cache",), "不读也不写缓存（覆盖配置中的 cache-dir）", CACHE, arg=STORE_TRUE),
)

#: The options that are configuration keys, in table order.
CONFIG_OPTIONS: tuple[Option, ...] = tuple(o for o in OPTIONS if o.key)
BY_KEY: dict[str, Option] = {o.key: o for o in CONFIG_OPTIONS}
BY_FIELD: dict[str, Option] = {o.field: o for o in CONFIG_OPTIONS}
#: TOML key → Settings field, and back.
KEYS: dict[str, str] = {o.key: o.field for o in CONFIG_OPTIONS}
FIELD_KEYS: dict[str, str] = {field: key for key, field in KEYS.items()}
#: Long flag → option.
BY_FLAG: dict[str, Option] = {o.flags[-1]: o for o in OPTIONS}


def add_arguments(parser, groups: Optional[tuple[str, ...]] = None, flags: Optional[tuple[str, ...]] = None,
                  helps: Optional[dict] = None, grouped: bool = True) -> None:
    """Add the table's options to an argparse ``parser``, in table order.

    ``groups`` chooses some groups (default: all); ``flags`` some options, in its order
    (``annotate``, ``lsp``); ``helps`` replaces help texts by flag (``annotate`` says "同 check");
    without ``grouped`` they go on the parser itself.
    """
    import argparse

    sections: dict = {}
    chosen = OPTIONS if flags is None else tuple(BY_FLAG[flag] for flag in flags)
    for option in chosen:
        if groups is not None and option.group not in groups:
            continue
        target = parser
        if grouped:
            if option.group not in sections:
                sections[option.group] = parser.add_argument_group(option.group)
            target = sections[option.group]
        kwargs = dict(option.arg or {})
        if kwargs.get("action") == "boolean-optional":  # named, so that the table needs no argparse
            kwargs["action"] = argparse.BooleanOptionalAction
        target.add_argument(*option.flags, help=(helps or {}).get(option.flags[-1], option.help), **kwargs)


if __name__ == "__main__":
    from gip_lint.config.options_docs import main

    raise SystemExit(main())
