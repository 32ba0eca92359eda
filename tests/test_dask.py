"""A real Dask cluster on 127.0.0.1: a scheduler and two workers, as separate processes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
# Relative and absolute paths, the examples, every rule-test report (pairs for GIP506–GIP508 too).
TARGETS = ["examples/reports", str(ROOT / "tests" / "rules")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(args, env, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], cwd="/", env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a scheduler with two single-threaded workers; torn down after the module.

    The workers run this Python with this checkout on their path, so they import the same
    gip_lint; a worker that dies is not retried (allowed-failures 0) so that the test of a
    file killing its worker stays short.
    """
    from distributed import Client

    logs = tmp_path_factory.mktemp("dask")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    address = f"tcp://127.0.0.1:{free_port()}"
    processes = [start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                        "--no-dashboard"], env, logs / "scheduler.log")]
    try:
        for index in range(2):
            processes.append(start(["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard",
                                    "--name", f"worker-{index}"], env, logs / f"worker-{index}.log"))
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def gip_lint(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gip_lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def same(first: subprocess.CompletedProcess, second: subprocess.CompletedProcess) -> None:
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)


def targets() -> list[str]:
    return list(TARGETS)


def test_check_on_the_cluster_prints_what_one_process_prints(scheduler):
    serial = gip_lint("check", "-j", "1", "--summary", *targets())
    assert serial.returncode == 1 and serial.stdout.count("\n") >= 7
    assert ": GIP507 " in serial.stdout and ": GIP508 " in serial.stdout  # year-over-year pairs were linted against each other
    same(gip_lint("check", "--scheduler", scheduler, "--summary", *targets()), serial)


def test_other_formats_and_settings_go_to_the_workers(scheduler):
    args = ("check", "--format", "json-lines", "--select", "GIP2,GIP5", "--ignore", "GIP206", *targets())
    serial = gip_lint(*args, "-j", "1")
    assert '"code": "GIP206"' not in serial.stdout and '"code": "GIP504"' in serial.stdout
    same(gip_lint(*args, "--scheduler", scheduler), serial)


def test_show_csv_on_the_cluster_is_the_same_table(scheduler):
    serial = gip_lint("show", "--format", "csv", "-j", "1", *targets())
    assert serial.stdout.count("\n") >= 7
    same(gip_lint("show", "--format", "csv", "--scheduler", scheduler, *targets()), serial)


def test_the_cache_on_the_cluster(scheduler, tmp_path):
    serial = gip_lint("check", "-j", "1", "examples/reports")
    for _ in range(2):
        same(gip_lint("check", "--scheduler", scheduler, "--cache-dir", str(tmp_path / "cache"), "examples/reports"),
             serial)
    assert len(list((tmp_path / "cache").glob("v*/*/*.json"))) == 5


KILLER = '''
import os
from gip_lint import hookimpl
from gip_lint.rule import rule

@rule("KIL001", "kills-its-worker")
def kills(report, context):
    """Ends the process for one file (a defect no guard in the process can catch)."""
    if report.path.endswith("doomed.txt"):
        os._exit(3)
    return []

@hookimpl
def gip_lint_rules():
    return [kills]
'''


def test_a_file_that_kills_its_worker_costs_only_that_file(scheduler, tmp_path, seeds):
    for number, path in seeds.items():
        shutil.copy(path, tmp_path / f"seed-{number}.txt")
    shutil.copy(seeds["001"], tmp_path / "doomed.txt")
    plugin = tmp_path / "killer.py"
    plugin.write_text(KILLER, encoding="utf-8")
    on_cluster = gip_lint("check", "--isolated", "--plugin", str(plugin), "--scheduler", scheduler, str(tmp_path))
    healthy = gip_lint("check", "--isolated", "-j", "1", str(tmp_path))
    assert on_cluster.returncode == 1
    lines = on_cluster.stdout.splitlines()
    doomed = [line for line in lines if line.startswith(str(tmp_path / "doomed.txt"))]
    assert doomed == [f"{tmp_path / 'doomed.txt'}:1:1: GIP999 检查此文件时出错，文件未被检查：检查此文件的 Dask 工作进程意外退出"]
    others = [line for line in healthy.stdout.splitlines() if not line.startswith(str(tmp_path / "doomed.txt"))]
    assert [line for line in lines if line not in doomed] == others
    assert len(others) == 2  # seed 001's GIP206 and GIP504


def test_the_library_api_on_the_cluster(scheduler):
    import gip_lint as library

    paths = [str(ROOT / target) if not os.path.isabs(target) else target for target in targets()]
    local = library.lint_paths(paths)
    printed = gip_lint("check", "-j", "1", *paths).stdout.splitlines()
    assert [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in local] == printed and len(printed) >= 7
    assert library.lint_paths(paths, scheduler=scheduler) == local
    rows = library.extract(paths)
    assert library.extract(paths, scheduler=scheduler) == rows
    first = library.extract(str(ROOT / "examples" / "reports" / "000_ebeabda19deaf4a2.txt"))
    assert [(r["organ"], r["year"], r["三(一)/总计"]) for r in first] == [("卧龙区人民政府", 2023, 91)]


def test_an_unreachable_scheduler_is_a_usage_error():
    result = gip_lint("check", "--scheduler", f"tcp://127.0.0.1:{free_port()}", "examples/reports")
    assert result.returncode == 2 and result.stdout == ""
    assert "无法连接 Dask 调度器" in result.stderr and "Traceback" not in result.stderr


def test_a_task_that_fails_on_the_workers_is_reported_per_file_not_a_traceback(scheduler, tmp_path, seeds):
    """A chunk whose task raises on the worker (here: the work cannot be built there)."""
    from typing import NamedTuple

    from distributed import Client

    from gip_lint.engine.distributed import Work, map_on_cluster
    from gip_lint.engine.runner import crashed

    class Fields(NamedTuple):
        token: str

    class Unbuildable(Fields, Work):  # defined in the test: workers cannot rebuild it by reference
        __slots__ = ()

        def build(self):
            raise RuntimeError("不能在工作进程上构建")

    paths = [str(path) for path in sorted(seeds.values())]
    with Client(scheduler, timeout=5) as client:
        results = list(map_on_cluster(client, Unbuildable("t"), paths, crashed))
    assert [r.path for r in results] == paths
    for result in results:
        [diag] = result.diagnostics
        assert (diag.code, diag.line, diag.column) == ("GIP999", 1, 1)
        assert "Dask 任务出错" in diag.message and "不能在工作进程上构建" in diag.message
