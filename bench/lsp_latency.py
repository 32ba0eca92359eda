"""How quickly `gip-lint lsp` answers an editor: start-up, and change → diagnostics.

Drives a real server subprocess with pygls's own client (needs `gip-lint[lsp]`) and prints
figures; it asserts nothing.  Run: python bench/lsp_latency.py [REPORT] [--changes N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORT = ROOT / "examples" / "reports" / "001_9df385a2314a3820.txt"


async def measure(report: Path, changes: int) -> None:
    text = report.read_text(encoding="utf-8")
    uri = report.resolve().as_uri()
    client = BaseLanguageClient("gip-lint-bench", "0")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "gip_lint", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    ready = time.perf_counter() - started

    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    started = time.perf_counter()
    first = await asyncio.wait_for(published.get(), 30)
    opened = time.perf_counter() - started

    latencies = []
    for version in range(2, changes + 2):
        edited = text + ("\n" if version % 2 else "")  # a real edit each time
        started = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        params = await asyncio.wait_for(published.get(), 30)
        assert params.version == version
        latencies.append(time.perf_counter() - started)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    ms = [x * 1000 for x in latencies]
    print(f"report: {report.name} ({len(text)} characters, {len(first.diagnostics)} diagnostics)")
    print(f"server start → initialize answered: {ready * 1000:.0f} ms")
    print(f"didOpen → publishDiagnostics:       {opened * 1000:.1f} ms")
    print(f"didChange → publishDiagnostics over {changes} changes: median {statistics.median(ms):.1f} ms, "
          f"p90 {sorted(ms)[int(len(ms) * 0.9) - 1]:.1f} ms, max {max(ms):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--changes", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(measure(args.report, args.changes))


if __name__ == "__main__":
    main()
