"""The language server, through a real LSP exchange with a ``gip-lint lsp`` subprocess.

The client below is deliberately hand-written (Content-Length framing, JSON-RPC over the
pipes), so the tests see exactly the bytes an editor would, independent of pygls's own client.
Every wait is bounded; every server process is killed at the end.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest

from gip_lint.lsp.positions import UTF8, UTF16, UTF32, code_units, lsp_range, split_lines

ROOT = Path(__file__).resolve().parent.parent
# Seed 001 with its organ-name typo (GIP504) corrected: exactly one finding, GIP206 at 66:27.
SEED_001 = ROOT / "tests" / "rules" / "reports" / "seed-001-one-gip206.txt"
TIMEOUT = 20.0  # seconds; generous for a loaded CI machine, never reached when things work

GIP206_MESSAGE = ("表三“四、结转下年度继续办理”行“总计”列为空，无法核对：行合计（A2）；"
                  "本列第一项加第二项等于第三项加第四项（A1）（没有发生应填 0）")


class LspClient:
    """A minimal LSP client speaking to a server subprocess over stdio."""

    def __init__(self, *args: str):
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "gip_lint", "lsp", *args],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=env)
        self.messages: queue.Queue = queue.Queue()
        self.stderr: list[bytes] = []
        self.notifications: list[dict] = []
        self._next_id = 0
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(iter(self.process.stderr.readline, b"")),
                         daemon=True).start()

    def _read_stdout(self) -> None:
        out = self.process.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)  # the server closed its stdout
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def _next_message(self, deadline: float) -> dict:
        try:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no message from the server in time; stderr: {self.stderr_text()}") from None
        if message is None:
            raise AssertionError(f"the server closed the connection; stderr: {self.stderr_text()}")
        if "method" in message and "id" in message:  # a request to the client: answer it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict) -> dict:
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next_message(deadline)
            if message.get("id") == request_id and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            if "method" in message:
                self.notifications.append(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        """The next diagnostics published for ``uri`` (for ``version``, when given)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            pending = [n for n in self.notifications if n["method"] == "textDocument/publishDiagnostics"
                       and n["params"]["uri"] == uri
                       and (version is None or n["params"].get("version") == version)]
            if pending:
                self.notifications.remove(pending[0])
                return pending[0]["params"]["diagnostics"]
            message = self._next_message(deadline)
            if "method" in message:
                self.notifications.append(message)

    def notification(self, method: str) -> dict:
        """The next notification ``method`` from the server (its params)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            pending = [n for n in self.notifications if n["method"] == method]
            if pending:
                self.notifications.remove(pending[0])
                return pending[0]["params"]
            message = self._next_message(deadline)
            if "method" in message:
                self.notifications.append(message)

    def initialize(self, encodings: list[str] | None = None) -> dict:
        capabilities: dict = {"textDocument": {"publishDiagnostics": {},
                                               "hover": {"contentFormat": ["markdown", "plaintext"]}}}
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                             "capabilities": capabilities})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": version, "text": text}})

    def stderr_text(self) -> str:
        return b"".join(self.stderr).decode("utf-8", "replace")

    def close(self) -> int | None:
        """Shut down politely; kill the process whatever happens.  Returns its exit status."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
                return self.process.wait(timeout=TIMEOUT)
        except Exception:
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=TIMEOUT)
        return self.process.returncode


@pytest.fixture
def client():
    started = []

    def start(*args: str) -> LspClient:
        started.append(LspClient(*args))
        return started[-1]

    yield start
    for lsp in started:
        lsp.close()


def seed_text() -> str:
    return SEED_001.read_text(encoding="utf-8")


def seed_uri(name: str = "001_9df385a2314a3820.txt") -> str:
    return (ROOT / "examples" / "reports" / name).as_uri()


def replace_line(text: str, number: int, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new`` on 1-based line ``number`` (which must hold it)."""
    lines = text.split("\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


def at(diagnostic: dict) -> tuple:
    start, end = diagnostic["range"]["start"], diagnostic["range"]["end"]
    return diagnostic["code"], (start["line"], start["character"]), (end["line"], end["character"])


def test_open_change_hover_close(client):
    lsp = client()
    result = lsp.initialize()
    capabilities = result["capabilities"]
    assert result["serverInfo"]["name"] == "gip-lint"
    assert capabilities["positionEncoding"] == "utf-16"  # the client offered nothing else
    assert capabilities["hoverProvider"]
    assert capabilities["textDocumentSync"]["change"] == 1  # full

    uri = seed_uri()
    lsp.open(uri, seed_text(), version=1)
    published = lsp.diagnostics(uri, version=1)
    # `gip-lint check` says 66:27; LSP counts from 0.  The empty last cell underlines the line break.
    assert [at(d) for d in published] == [("GIP206", (65, 26), (66, 0))]
    assert published[0]["severity"] == 2  # Warning
    assert published[0]["source"] == "gip-lint"
    assert published[0]["message"] == GIP206_MESSAGE

    # Hovering anywhere on the diagnostic's range explains the rule.
    from gip_lint.engine.plugins import load_plugins

    gip206 = load_plugins().rule("GIP206")
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": 65, "character": 26}})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**GIP206**")
    assert gip206.summary in hover["contents"]["value"]
    assert gip206.explanation in hover["contents"]["value"]
    assert hover["range"] == {"start": {"line": 65, "character": 26}, "end": {"line": 66, "character": 0}}
    assert lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": {"line": 3, "character": 0}}) is None

    # Table 三, row (一) 予以公开, 自然人: 7 → 9 breaks the row total (A2) and the column (A3).
    broken = replace_line(seed_text(), 44, "\t\t7\t1\t", "\t\t9\t1\t")
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": broken}]})
    published = lsp.diagnostics(uri, version=2)
    assert [at(d) for d in published] == [
        ("GIP202", (43, 20), (43, 21)),  # the cell "9" at 44:21
        ("GIP203", (43, 20), (43, 21)),
        ("GIP206", (65, 26), (66, 0)),
    ]
    assert [d["severity"] for d in published] == [1, 1, 2]  # Error, Error, Warning
    assert published[0]["message"] == ("表三“三(一)予以公开”行：总计应为六类申请人之和 9+1+0+0+0+0=10，表中为 8"
                                       "（若只有这一个数填错，表三“三(一)予以公开”行“自然人”列应为 7）")
    # The one cell both broken identities share has one right value: a quick fix puts it back.
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 43, "character": 20}, "end": {"line": 43, "character": 20}},
        "context": {"diagnostics": []}})
    assert [(a["title"], a["kind"]) for a in actions] == [("改为 7（GIP202）", "quickfix"), ("改为 7（GIP203）", "quickfix")]
    assert actions[0]["edit"]["changes"] == {uri: [{"range": {"start": {"line": 43, "character": 20},
                                                              "end": {"line": 43, "character": 21}},
                                                    "newText": "7"}]}
    assert [d["code"] for d in actions[0]["diagnostics"]] == ["GIP202"]
    # Elsewhere (the blank 总计 of GIP206 names no value) there is nothing to offer.
    assert lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 65, "character": 26}, "end": {"line": 65, "character": 26}},
        "context": {"diagnostics": []}}) in (None, [])
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": 43, "character": 20}})
    assert hover["contents"]["value"].startswith("**GIP202**")
    assert "**GIP203**" in hover["contents"]["value"]

    # Saving re-publishes; closing clears the editor's list.
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [at(d)[0] for d in lsp.diagnostics(uri)] == ["GIP202", "GIP203", "GIP206"]
    lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert lsp.diagnostics(uri) == []

    assert lsp.close() == 0


# 𠮷 (U+20BB7, outside the BMP) after the row label: 11 CJK characters, then 𠮷, then
# "\t\t\t" and six "0\t" (15 characters) before the empty 总计 cell at column 28.
NON_BMP_EXPECTED = {
    "utf-16": 11 + 2 + 15,  # 𠮷 is a surrogate pair
    "utf-32": 11 + 1 + 15,
    "utf-8": 11 * 3 + 4 + 15,
}


@pytest.mark.parametrize("offered, chosen", [(None, "utf-16"), (["utf-32", "utf-16"], "utf-32"),
                                             (["utf-8"], "utf-8")])
def test_columns_follow_the_negotiated_position_encoding(client, offered, chosen):
    lsp = client()
    assert lsp.initialize(offered)["capabilities"]["positionEncoding"] == chosen
    text = replace_line(seed_text(), 66, "继续办理", "继续办理𠮷")
    uri = seed_uri("nonbmp.txt")
    lsp.open(uri, text)
    character = NON_BMP_EXPECTED[chosen]
    assert [at(d) for d in lsp.diagnostics(uri)] == [("GIP206", (65, character), (66, 0))]
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": 65, "character": character}})
    assert hover["contents"]["value"].startswith("**GIP206**")


def test_crlf_and_bom_buffers_keep_positions(client):
    lsp = client()
    lsp.initialize()
    uri = seed_uri("crlf.txt")
    lsp.open(uri, "\ufeff" + seed_text().replace("\n", "\r\n"))
    assert [at(d) for d in lsp.diagnostics(uri)] == [("GIP206", (65, 26), (66, 0))]


def test_select_and_ignore_options(client):
    lsp = client("--ignore", "GIP206")
    lsp.initialize()
    lsp.open(seed_uri(), seed_text())
    assert lsp.diagnostics(seed_uri()) == []


def test_the_closest_configuration_file_applies_and_is_reread_when_it_changes(client, tmp_path):
    config = tmp_path / ".gip-lint.toml"
    report = tmp_path / "年报" / "报告.txt"
    report.parent.mkdir()
    report.write_text(seed_text(), encoding="utf-8")

    def write_config(text: str, generation: int) -> None:
        config.write_text(text, encoding="utf-8")
        stamp = 1_700_000_000 + generation  # distinct modification times, however fast the test
        os.utime(config, (stamp, stamp))

    write_config('[severity]\nGIP206 = "error"\n', 1)
    lsp = client()
    lsp.initialize()
    uri = report.as_uri()
    lsp.open(uri, seed_text(), version=1)
    published = lsp.diagnostics(uri, version=1)
    assert [(at(d), d["severity"]) for d in published] == [(("GIP206", (65, 26), (66, 0)), 1)]  # now an Error

    write_config('ignore = ["GIP206"]\n', 2)
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": seed_text()}]})
    assert lsp.diagnostics(uri, version=2) == []

    write_config('select = "GIP2"\n', 3)  # a string where a list belongs
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                          "contentChanges": [{"text": seed_text()}]})
    shown = lsp.notification("window/showMessage")
    assert shown["type"] == 1 and "配置错误" in shown["message"] and str(config) in shown["message"]
    assert lsp.diagnostics(uri, version=3) == []

    write_config("", 4)  # fixed: the diagnostics come back
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                          "contentChanges": [{"text": seed_text()}]})
    assert [at(d)[0] for d in lsp.diagnostics(uri, version=4)] == ["GIP206"]

    write_config('exclude = ["年报"]\n', 5)
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                          "contentChanges": [{"text": seed_text()}]})
    assert lsp.diagnostics(uri, version=5) == []  # excluded: its earlier diagnostics are cleared
    other = tmp_path / "other.txt"
    lsp.open(other.as_uri(), seed_text())  # not excluded: linted under the same configuration
    assert [at(d)[0] for d in lsp.diagnostics(other.as_uri())] == ["GIP206"]
    assert not [n for n in lsp.notifications if n["method"] == "window/showMessage"]


def test_non_report_files_are_left_alone_and_text_without_report_gets_gip002(client):
    lsp = client()
    lsp.initialize()
    lsp.open("file:///tmp/script.py", "print('hello')\n")
    lsp.open("untitled:Untitled-1", "随便写点什么\n")
    # Only the untitled buffer is linted; the .py file gets no notification at all.
    assert [at(d) for d in lsp.diagnostics("untitled:Untitled-1")] == [("GIP002", (0, 0), (0, 6))]
    assert not [n for n in lsp.notifications if n["params"].get("uri") == "file:///tmp/script.py"]


def test_server_exits_when_the_editor_goes_away(client):
    lsp = client()
    lsp.initialize()
    lsp.process.stdin.close()  # the editor crashed or closed the pipe without "exit"
    assert lsp.process.wait(timeout=TIMEOUT) == 0


def test_unknown_code_in_options_is_a_usage_error():
    done = subprocess.run([sys.executable, "-m", "gip_lint", "lsp", "--select", "XYZ123"],
                          capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "未知的规则代码或前缀 XYZ123" in done.stderr


def test_without_pygls_the_command_says_how_to_install_it():
    # sys.modules[name] = None makes `import pygls` fail exactly as if it were not installed.
    code = ("import sys; sys.modules['pygls'] = None; from gip_lint.cli.main import main; "
            "sys.exit(main(['lsp']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert 'pip install "gip-lint[lsp]"' in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


# -- positions without a server ---------------------------------------------------------------

def test_code_units_per_encoding():
    assert [code_units("报告𠮷a", e) for e in (UTF16, UTF32, UTF8)] == [5, 4, 3 + 3 + 4 + 1]


def test_range_covers_the_cell_or_one_character():
    lines = split_lines("标题\r\n行\t12\t\t\n| 一 | 7 |\n末行")
    assert lines == ["标题", "行\t12\t\t", "| 一 | 7 |", "末行"]
    assert lsp_range(lines, 2, 3) == ((1, 2), (1, 4))  # the cell "12"
    assert lsp_range(lines, 2, 5) == ((1, 4), (1, 5))  # an empty cell: its closing TAB
    assert lsp_range(lines, 2, 7) == ((1, 6), (2, 0))  # an empty last cell: the line break
    assert lsp_range(lines, 3, 6) == ((2, 5), (2, 8))  # a Markdown cell ends at "|"
    assert lsp_range(lines, 4, 3) == ((3, 2), (3, 2))  # end of the document: nothing after it
    assert lsp_range(lines, 99, 1) == ((3, 0), (3, 2))  # beyond the document: clamped


def test_stray_prints_cannot_corrupt_the_protocol_stream():
    """After _claim_stdout, print() goes to stderr and only the protocol writes to fd 1."""
    code = ("import os, sys; from gip_lint.cli.commands.lsp import _claim_stdout; out = _claim_stdout(); "
            "print('plugin noise'); os.write(1, b'c-level noise\\n'); out.write(b'protocol'); out.flush()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"protocol"
    assert b"plugin noise" in done.stderr and b"c-level noise" in done.stderr


# -- buffers read by a reader plugin (HTML and the like) ---------------------------------------

def _shifted_reader(kind: str = "html"):
    """A stand-in for a markup reader: the report starts 2 lines and 4 characters into the file."""
    from gip_lint.readers import Reader
    from gip_lint.source import from_text

    def read(data: bytes, path: str):
        body = data.decode("utf-8").split("\n", 2)[2]
        body = "\n".join(line[4:] for line in body.split("\n"))
        return attrs.evolve(from_text(body, path), kind=kind, origin=lambda line, col: (line + 2, col + 4))

    return Reader(name="shifted", extensions=(".rep",), read=read)


def _setup(rules, readers=()):
    """The setup of a file linted with these rules and readers and the default settings."""
    from gip_lint.config.settings import Settings
    from gip_lint.engine.linter import Selection
    from gip_lint.engine.plugins import PluginSet
    from gip_lint.engine.setup import FileSetup

    plugins = PluginSet(rules=tuple(rules), readers=tuple(readers), formatters=(), default_config={}, plugins=(),
                        errors=())
    return FileSetup(Settings(), plugins, Selection())


def test_reader_plugin_buffers_are_placed_through_origin():
    from gip_lint.lsp.documents import lint_buffer
    from gip_lint.engine.plugins import load_plugins

    linter = _setup(load_plugins().rules, (_shifted_reader(),))
    body = "\n".join("<td>" + line for line in seed_text().split("\n"))
    text = "<html>\n<body>\n" + body
    placed = lint_buffer(text, "/tmp/report.rep", linter)
    # 66:27 in the report is 68:31 in the file; the empty last cell underlines the line break.
    assert [(p.diagnostic.code, p.range) for p in placed] == [("GIP206", ((67, 30), (68, 0)))]


def test_markup_cells_end_at_a_tag():
    from gip_lint.lsp.positions import MARKUP_CELL_ENDS

    assert lsp_range(["<td>12</td>"], 1, 5, UTF16, MARKUP_CELL_ENDS) == ((0, 4), (0, 6))


def test_a_failing_reader_plugin_becomes_gip001():
    from gip_lint.lsp.documents import lint_buffer
    from gip_lint.engine.plugins import load_plugins
    from gip_lint.readers import Reader

    def broken(data: bytes, path: str):
        raise ValueError("boom")

    linter = _setup(load_plugins().rules, (Reader("broken", (".rep",), broken),))
    placed = lint_buffer("whatever", "/tmp/a.rep", linter)
    assert [(p.diagnostic.code, p.diagnostic.message, p.range) for p in placed] == [
        ("GIP001", "读取时出错：ValueError: boom", ((0, 0), (0, 8)))]


def test_uri_to_path():
    from gip_lint.lsp.documents import path_from_uri

    assert path_from_uri("file:///home/u/%E5%B9%B4%E6%8A%A5%20%E4%B8%80.txt") == "/home/u/年报 一.txt"
    assert path_from_uri("file:///C:/reports/a.txt") == "C:/reports/a.txt"
    assert path_from_uri("file://server/share/a.txt") == "//server/share/a.txt"
    assert path_from_uri("untitled:Untitled-1") == "Untitled-1"


def test_a_byte_order_mark_kept_by_the_editor_shifts_line_one():
    from gip_lint.lsp.documents import lint_buffer

    linter = _setup(())
    assert [p.range for p in lint_buffer("\ufeff随便写点什么\n", "a", linter)] == [((0, 1), (0, 7))]
    assert [p.range for p in lint_buffer("随便写点什么\n", "a", linter)] == [((0, 0), (0, 6))]
