"""Nothing crashes, nothing is lost: arbitrary input gives diagnostics and a documented exit code.

Fuzzing runs the CLI's own entry point in-process (fast) plus a few real subprocesses; the
file-system cases (empty, binary, too large, unreadable, FIFO, symlink loop, 10,000 files,
a closed pipe) run the command as a user would.  The linter never writes to what it reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gip_lint.cli.main import main
from gip_lint.readers import reader_for

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(
    (Path(__file__).resolve().parent.parent / "examples" / "reports").glob("*.txt"))]


def _cli(*args: str) -> tuple[int, str, str]:
    """Run gip-lint in-process; any exception escaping main() fails the test with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own exit
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check_and_show(path: Path) -> None:
    code, out, err = _cli("check", "--format", "json", str(path))
    assert code in (0, 1), err
    assert "Traceback" not in out + err
    assert path.read_bytes() is not None
    for form in ("json", "text"):
        code, out, err = _cli("show", "--format", form, str(path))
        assert code in (0, 1), err
        assert "Traceback" not in out + err


@FUZZ
@given(text=st.text(max_size=3000))
def test_arbitrary_text(scratch, text):
    path = scratch / "text.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if _encodable(text) else path.write_bytes(b"")
    _check_and_show(path)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # lone surrogates cannot be in a file
        return False


@FUZZ
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(scratch, data):
    path = scratch / "bytes.txt"
    path.write_bytes(data)
    _check_and_show(path)


# Random edits of real reports: the kind of damage copy-paste and conversion do.
_EDIT = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 300)),
    st.tuples(st.just("duplicate"), st.integers(0, 300)),
    st.tuples(st.just("swap_cells"), st.integers(0, 300), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("truncate"), st.integers(0, 8000)),
    st.tuples(st.just("insert"), st.integers(0, 8000), st.text(min_size=1, max_size=30)),
    st.tuples(st.just("cell"), st.integers(0, 300), st.integers(0, 20),
              st.sampled_from(["", "-", "x", "１２", "3件", "-4", "0.5", "5（注）", "\t", "|", "一、总体情况"])),
)


def _apply(text: str, edit) -> str:
    lines = text.split("\n")
    kind, *args = edit
    if kind == "delete" and lines:
        del lines[args[0] % len(lines)]
    elif kind == "duplicate" and lines:
        index = args[0] % len(lines)
        lines.insert(index, lines[index])
    elif kind in ("swap_cells", "cell") and lines:
        index = args[0] % len(lines)
        cells = lines[index].split("\t")
        if kind == "swap_cells":
            a, b = args[1] % len(cells), args[2] % len(cells)
            cells[a], cells[b] = cells[b], cells[a]
        else:
            cells[args[1] % len(cells)] = args[2]
        lines[index] = "\t".join(cells)
    elif kind == "truncate":
        return text[:args[0]]
    elif kind == "insert":
        position = args[0] % (len(text) + 1)
        return text[:position] + args[1] + text[position:]
    return "\n".join(lines)


@FUZZ
@given(seed=st.sampled_from(range(len(SEED_TEXTS))), edits=st.lists(_EDIT, min_size=1, max_size=6))
def test_real_reports_with_random_edits(scratch, seed, edits):
    text = SEED_TEXTS[seed]
    for edit in edits:
        text = _apply(text, edit)
    path = scratch / "edited.txt"
    path.write_text(text, encoding="utf-8", errors="replace")
    _check_and_show(path)


# HTML and DOCX: fuzzed when gip-lint has readers for them.
_html_read = reader_for("report.html").name == "html"
_docx_read = reader_for("report.docx").name == "docx"

_TAG = st.sampled_from(["table", "tr", "td", "th", "p", "div", "span", "br", "tbody", "script", "style", "b"])
_HTML_PIECE = st.one_of(
    _TAG.map(lambda t: f"<{t}>"), _TAG.map(lambda t: f"</{t}>"),
    st.sampled_from(['<td colspan="3">', '<td rowspan="99999">', '<td colspan="-1">', "<!--", "-->", "&nbsp;",
                     "&#xFFFFFF;", "<meta charset='gbk'>", "<![CDATA[", "一、总体情况", "0", "12"]),
    st.text(max_size=20),
)


@pytest.mark.skipif(not _html_read, reason="no HTML reader in this build")
@FUZZ
@given(pieces=st.lists(_HTML_PIECE, max_size=80))
def test_random_html(scratch, pieces):
    path = scratch / "page.html"
    path.write_text("".join(pieces), encoding="utf-8", errors="replace")
    _check_and_show(path)


def _docx_variants(seed: int) -> bytes:
    """A corrupt .docx: random bytes, a truncated zip, a zip without document.xml, bad XML."""
    rng = random.Random(seed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if seed % 4 != 0:
            body = rng.choice(["<w:document>", "<?xml version='1.0'?><w:document xmlns:w='x'><w:body><w:tbl>",
                               "\x00\xff", "<a>" * 5000])
            archive.writestr("word/document.xml", body)
    data = buffer.getvalue()
    kind = seed % 3
    if kind == 1:
        return data[:rng.randrange(1, len(data))]
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 2000)))
    return data


@pytest.mark.skipif(not _docx_read, reason="no DOCX reader in this build")
@FUZZ
@given(seed=st.integers(0, 10_000))
def test_corrupt_docx(scratch, seed):
    path = scratch / "report.docx"
    path.write_bytes(_docx_variants(seed))
    _check_and_show(path)


# --- files a run meets --------------------------------------------------------------------------------

def test_empty_file_is_not_a_report(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = _cli("check", str(tmp_path / "empty.txt"))
    assert (code, err) == (1, "")
    assert out == f"{tmp_path / 'empty.txt'}:1:1: GIP002 " + out.split(" GIP002 ", 1)[1]


def test_binary_file_is_gip001_and_the_next_file_is_still_linted(tmp_path, seeds):
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 20)
    shutil.copy(seeds["001"], tmp_path / "b.txt")
    code, out, err = _cli("check", str(tmp_path))
    lines = out.splitlines()
    assert code == 1 and err == ""
    assert lines[0].startswith(f"{tmp_path / 'a.txt'}:") and " GIP001 " in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'b.txt'}:66:27: GIP206 ")


def test_file_over_the_size_limit(tmp_path, seeds):
    shutil.copy(seeds["004"], tmp_path / "big.txt")
    size = (tmp_path / "big.txt").stat().st_size
    code, out, err = _cli("check", "--max-file-size", "1000", str(tmp_path / "big.txt"))
    assert code == 1
    assert out.startswith(f"{tmp_path / 'big.txt'}:1:1: GIP001 文件过大：{size} 字节，超过上限 1000 字节")
    assert _cli("check", str(tmp_path / "big.txt"))[0] == 0  # the default limit is generous


def test_unreadable_file(tmp_path, seeds, monkeypatch):
    target = tmp_path / "secret.txt"
    shutil.copy(seeds["004"], target)
    shutil.copy(seeds["001"], tmp_path / "z.txt")
    if os.geteuid() == 0:
        # root reads anything whatever the mode: make open() refuse this one file instead.
        import builtins

        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if os.fspath(file) == str(target):
                raise PermissionError(13, "Permission denied", str(target))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    else:
        target.chmod(0)
    code, out, err = _cli("check", str(tmp_path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == f"{target}:1:1: GIP001 无法读取文件：Permission denied"
    assert lines[1].startswith(f"{tmp_path / 'z.txt'}:66:27: GIP206 ")


def test_fifo_and_broken_symlink_do_not_hang_or_crash(tmp_path, seeds):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    shutil.copy(seeds["004"], tmp_path / "ok.txt")
    done = subprocess.run([sys.executable, "-m", "gip_lint", "check", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert lines == [f"{tmp_path / 'dangling.txt'}:1:1: GIP001 无法读取文件：No such file or directory",
                     f"{tmp_path / 'pipe.txt'}:1:1: GIP001 不是普通文件（目录、管道或设备），无法检查"]


def test_symlink_loops_in_directories_end(tmp_path, seeds):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(seeds["001"], tmp_path / "a" / "b" / "r.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "up")  # a → b → up → a …
    os.symlink(tmp_path / "self", tmp_path / "self")  # a link to itself
    code, out, err = _cli("check", str(tmp_path))
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {str(tmp_path / "a" / "b" / "r.txt")}


def _tiny_corpus(directory: Path, count: int) -> None:
    directory.mkdir()
    for number in range(count):
        (directory / f"{number:05d}.txt").write_bytes(b"not a report\n")


def test_ten_thousand_files_all_linted(tmp_path):
    _tiny_corpus(tmp_path / "many", 10_000)
    code, out, err = _cli("check", "-j", "2", "--select", "GIP002", str(tmp_path / "many"))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 10_000 and all(" GIP002 " in line for line in lines)
    assert lines[0].startswith(str(tmp_path / "many" / "00000.txt"))
    assert lines[-1].startswith(str(tmp_path / "many" / "09999.txt"))
    assert err.startswith("gip-lint：读取了 10000 个文件，其中 0 份识别为年度报告")


@pytest.mark.parametrize("command", [["check", "-j", "2"], ["show", "--format", "json-lines", "-j", "2"]])
def test_output_into_a_closed_pipe_exits_quietly(tmp_path, command):
    _tiny_corpus(tmp_path / "many", 2000)
    line = " ".join([sys.executable, "-m", "gip_lint", *command, str(tmp_path / "many")])
    done = subprocess.run(["bash", "-c", f"{line} | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"],
                          capture_output=True, text=True, timeout=120)
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] in ("status=0", "status=1")


def test_subprocess_on_random_bytes_gives_no_traceback(tmp_path):
    rng = random.Random(5)
    for number in range(3):
        (tmp_path / f"junk{number}.txt").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    (tmp_path / "junk.md").write_bytes(b"| a |\n|---|\n| \xff\xfe |\n" * 100)
    for command in (["check"], ["show", "--format", "json-lines"], ["show", "--format", "csv"]):
        done = subprocess.run([sys.executable, "-m", "gip_lint", *command, str(tmp_path)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr


def _digests(root: Path) -> dict:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_linter_never_writes_to_what_it_reads(tmp_path, seeds):
    for path in seeds.values():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "crlf.txt").write_bytes(seeds["000"].read_bytes().replace(b"\n", b"\r\n"))
    (tmp_path / "gbk.txt").write_bytes(seeds["002"].read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + seeds["003"].read_bytes())
    before = _digests(tmp_path)
    for command in (["check"], ["check", "-j", "2"], ["check", "--format", "json"], ["show"],
                    ["show", "--format", "json-lines"], ["show", "--format", "csv"]):
        _cli(*command, str(tmp_path))
    assert _digests(tmp_path) == before
