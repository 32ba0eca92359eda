"""The option table: settings, TOML checks, CLI flags, --show-settings and the documentation's
tables all come from it, and agree with one another."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest
from cli_helpers import ROOT, SEED_GIP206, copy_seed, gip_lint

from gip_lint.cli.main import build_parser
from gip_lint.config.files import ConfigError, read_config_file
from gip_lint.config.options import BY_KEY, CONFIG_OPTIONS, FIELD_KEYS, KEYS, OPTIONS
from gip_lint.config.options_docs import FILES, TABLES, current, keys_table
from gip_lint.config.settings import ADDITIVE, FIELDS, Settings, from_args


# -- the documentation is what the table generates ---------------------------------------------

@pytest.mark.parametrize("name, table", [(name, table) for name, tables in FILES.items() for table in tables])
def test_documented_tables_are_the_generated_ones(name, table):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert current(text, table) == TABLES[table](), (
        f"{name} is stale: run python -m gip_lint.config.options --write")


def test_markdown_command_prints_the_key_table():
    done = subprocess.run([sys.executable, "-m", "gip_lint.config.options", "--markdown"], capture_output=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0 and done.stderr == b""
    out = done.stdout.decode("utf-8")
    assert out == keys_table() + "\n"
    assert out.splitlines()[2] == "| `select` | list of codes or prefixes | `[]` | `--select` | each file | only these codes run (empty: all) |"
    assert "| `cache-dir` | directory path, relative to the configuration file | none (no cache) | " \
           "`--cache-dir DIR` (`--no-cache` turns it off) | the run (first PATH) |" in out


def test_check_command_says_up_to_date():
    done = subprocess.run([sys.executable, "-m", "gip_lint.config.options", "--check"], capture_output=True,
                          timeout=60, cwd=ROOT)
    assert (done.returncode, done.stdout) == (0, b"up to date\n")


# -- Settings is made from the table -----------------------------------------------------------

def test_settings_fields_and_defaults_come_from_the_table():
    assert FIELDS == (*(o.field for o in CONFIG_OPTIONS), "options", "config_file", "base_dir", "source")
    assert list(KEYS) == ["select", "extend-select", "ignore", "per-file-ignores", "severity", "preview", "fail-on",
                          "exclude", "plugins", "require-plugins", "max-file-size", "time-limit", "format", "cache-dir"]
    defaults = Settings()
    for option in CONFIG_OPTIONS:
        assert getattr(defaults, option.field) == option.default, option.key
    assert (defaults.max_file_size, defaults.time_limit, defaults.cache_dir) == (20 * 1024 * 1024, 20.0, None)
    assert ADDITIVE == ("extend_select", "ignore", "per_file_ignores", "severity", "exclude", "plugins",
                        "require_plugins", "options")


def test_settings_is_an_immutable_named_tuple_that_pickles():
    settings = Settings(select=("GIP2",), severity={"GIP206": "error"}, source={"select": "命令行"})
    assert pickle.loads(pickle.dumps(settings)) == settings  # -j workers receive it pickled
    assert type(pickle.loads(pickle.dumps(settings))) is Settings
    with pytest.raises(AttributeError):
        settings.select = ("GIP3",)
    changed = settings._replace(ignore=("GIP301",))
    assert (changed.select, changed.ignore, settings.ignore) == (("GIP2",), ("GIP301",), ())
    assert Settings().options == {} and Settings().options is not Settings().options


# -- every key reads the same from TOML and from the command line ------------------------------

# key → (command-line arguments, TOML value, the setting both give); `plugins`/`cache-dir`
# are relative to the cwd on the command line and to the file in TOML: both are the cwd here.
SAME_VALUE = {
    "select": (["--select", "gip2, GIP301"], '["gip2", "GIP301"]', ("GIP2", "GIP301")),
    "extend-select": (["--extend-select", "GIP5"], '["GIP5"]', ("GIP5",)),
    "ignore": (["--ignore", "GIP206;GIP3"], '["GIP206", "GIP3"]', ("GIP206", "GIP3")),
    "per-file-ignores": (["--per-file-ignores", "a/*:GIP2,GIP3"], '{ "a/*" = ["GIP2", "GIP3"] }',
                         (("a/*", ("GIP2", "GIP3")),)),
    "severity": (["--severity", "gip206=error"], '{ gip206 = "error" }', {"GIP206": "error"}),
    "preview": (["--preview"], "true", True),
    "fail-on": (["--fail-on", "error"], '"error"', "error"),
    "exclude": (["--exclude", "a,b"], '["a", "b"]', ("a", "b")),
    "plugins": (["--plugin", "p.py"], '["p.py"]', "ABS:p.py"),
    "require-plugins": (["--require-plugins", " x , y"], '[" x ", "y"]', ("x", "y")),
    "max-file-size": (["--max-file-size", "5"], "5", 5),
    "time-limit": (["--time-limit", "1.5"], "1.5", 1.5),
    "format": (["--format", "json"], '"json"', "json"),
    "cache-dir": (["--cache-dir", "c"], '"c"', "ABS:c"),
}


def test_every_key_has_a_same_value_case():
    assert set(SAME_VALUE) == set(BY_KEY)


@pytest.mark.parametrize("key", sorted(SAME_VALUE))
def test_a_key_reads_the_same_from_toml_and_the_command_line(key, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.py").write_text("", encoding="utf-8")
    argv, toml, expected = SAME_VALUE[key]
    if isinstance(expected, str) and expected.startswith("ABS:"):
        expected = str(tmp_path / expected[4:])
        expected = (expected,) if key == "plugins" else expected
    field = BY_KEY[key].field
    cli = from_args(build_parser(["check", *argv]).parse_args(["check", *argv]))
    assert (getattr(cli, field), cli.source) == (expected, {field: "命令行"})
    (tmp_path / ".gip-lint.toml").write_text(f"{key} = {toml}\n", encoding="utf-8")
    assert read_config_file(".gip-lint.toml").values == {field: expected}


# The message a value of the wrong type (an array of arrays suits no key) gets, per key.
WRONG_TYPE = {
    "select": 'select 应为代码列表，如 ["GIP2", "GIP301"]',
    "extend-select": 'extend-select 应为代码列表，如 ["GIP2", "GIP301"]',
    "ignore": 'ignore 应为代码列表，如 ["GIP2", "GIP301"]',
    "per-file-ignores": 'per-file-ignores 应为表："通配符" = ["代码", …]',
    "severity": 'severity 应为表：GIP206 = "error"',
    "preview": "preview 应为 true 或 false",
    "fail-on": "fail-on 应为 info | warning | error，而不是 [[1]]",
    "exclude": "exclude 应为字符串列表",
    "plugins": "plugins 应为字符串列表",
    "require-plugins": "require-plugins 应为字符串列表",
    "max-file-size": "max-file-size 应为正整数（字节数）",
    "time-limit": "time-limit 应为不小于 0 的秒数（0 表示不限）",
    "format": "format 应为字符串",
    "cache-dir": "cache-dir 应为目录路径（字符串）",
}


@pytest.mark.parametrize("key", sorted(WRONG_TYPE))
def test_a_value_of_the_wrong_type_names_file_and_key(key, tmp_path):
    assert set(WRONG_TYPE) == set(BY_KEY)
    path = tmp_path / ".gip-lint.toml"
    path.write_text(f"{key} = [[1]]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config_file(str(path))
    assert str(caught.value) == f"{path}：{WRONG_TYPE[key]}"


def test_unknown_key_lists_the_keys_in_table_order(tmp_path, capsys, monkeypatch):
    copy_seed(SEED_GIP206, tmp_path / "r.txt")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gip-lint.toml").write_text("zzzzzz = 1\n", encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "r.txt")
    assert (code, out) == (2, "")
    assert err == (f"gip-lint: 错误：{tmp_path / '.gip-lint.toml'}：未知的配置项 zzzzzz（可用：select, extend-select, "
                   "ignore, per-file-ignores, severity, preview, fail-on, exclude, plugins, require-plugins, "
                   "max-file-size, time-limit, format, cache-dir）\n")


# -- the command line is made from the table ---------------------------------------------------

def _actions(command: str) -> dict:
    parser = build_parser([command])
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return {a.dest: a for a in sub._actions if a.option_strings and a.dest != "help"}


def test_check_has_exactly_the_table_s_options_with_its_help_texts():
    actions = _actions("check")
    assert list(actions) == [o.dest for o in OPTIONS]
    for option in OPTIONS:
        action = actions[option.dest]
        assert (tuple(action.option_strings[:len(option.flags)]), action.help) == (option.flags, option.help)
    assert actions["jobs"].option_strings == ["-j", "--jobs"] and actions["fail_on"].choices == ("error", "warning", "info")
    assert actions["summary"].option_strings == ["--summary", "--no-summary"] and actions["summary"].default is None
    assert actions["per_file_ignores"].metavar == "GLOB:CODES" and actions["time_limit"].type("0.5") == 0.5


def test_annotate_and_lsp_share_flags_with_their_own_help_texts():
    annotate = _actions("annotate")
    assert list(annotate) == ["output", "config", "isolated", "select", "ignore"]
    assert annotate["select"].help == "只启用这些代码或前缀（同 check）"
    assert annotate["isolated"].help == "不读取任何配置文件"
    lsp = _actions("lsp")
    assert list(lsp) == ["stdio", "select", "extend_select", "ignore", "config", "isolated"]
    assert lsp["config"].help == "对所有文件使用这个配置文件（默认：每个文件最近的配置文件）"
    assert lsp["extend_select"].help == "在 select 之外再启用这些代码"
    assert [a.option_strings for a in _actions("show").values()][-3:] == [["-j", "--jobs"], ["--scheduler"],
                                                                          ["--summary", "--no-summary"]]


def test_flags_not_given_leave_the_layer_below_alone():
    cli = from_args(build_parser(["check"]).parse_args(["check", "--select", "", "--cache-dir", "",
                                                        "--require-plugins", "", "--show-source"]))
    # An empty --select is a value (every rule); an empty --cache-dir or --require-plugins is not.
    assert cli.source == {"select": "命令行", "format": "命令行"} and (cli.select, cli.format) == ((), "full")


# -- --show-settings lists the keys in table order ---------------------------------------------

def test_show_settings_rows_follow_the_table(tmp_path, capsys, monkeypatch):
    copy_seed(SEED_GIP206, tmp_path / "r.txt")
    monkeypatch.chdir(tmp_path)
    code, out, err = gip_lint(capsys, "check", "--isolated", "--show-settings", "--fail-on", "error", "r.txt")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    names = [line.split()[0] for line in lines[1:]]
    assert names == ["配置文件", "路径相对于", *(FIELD_KEYS[o.field] for o in CONFIG_OPTIONS), "options", "（此文件忽略）"]
    assert names[2:9] == ["select", "extend-select", "ignore", "per-file-ignores", "severity", "preview", "fail-on"]
    assert lines[9] == '  fail-on           "error"    # 命令行'
    assert lines[13] == '  max-file-size     20971520    # 默认值'
    assert lines[17] == '  options           {}    # 默认值'
