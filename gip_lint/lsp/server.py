"""The pygls language server: lint report buffers on open, change and save; explain on hover.

Documents are synchronised in full (a report is tens of kilobytes, and full sync avoids
applying edits with line rules other than the editor's).  Diagnostics are published with
the rule code, ``source = "gip-lint"``, a severity, and a range in the position encoding
negotiated at ``initialize`` (UTF-16 unless the client offers UTF-8 or UTF-32).  A diagnostic
that names the value its cell should hold (``Diagnostic.suggestion``) offers it as a quick fix
(``textDocument/codeAction``) in text and Markdown buffers.  A finding the buffer's own
``gip-lint: ignore[…]`` suppresses is not published, as ``check`` does not report it.
"""

from __future__ import annotations

import sys
from typing import Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from gip_lint import __version__
from gip_lint.config.files import ConfigError
from gip_lint.lsp.documents import Placed, hover_markdown, lint_buffer, path_from_uri, wants
from gip_lint.lsp.positions import UTF16, contains
from gip_lint.lsp.project import Project

SOURCE = "gip-lint"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


class GipLintServer(LanguageServer):
    """A LanguageServer that remembers the diagnostics it published, for hovers."""

    def __init__(self, project: Project):
        super().__init__("gip-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.project = project
        self.published: dict[str, list[Placed]] = {}
        self._shown: set[str] = set()  # messages already shown, so a keystroke does not repeat them

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or UTF16)

    def lint(self, uri: str, version: Optional[int] = None) -> None:
        document = self.workspace.get_text_document(uri)
        path = path_from_uri(uri)
        linted, placed = False, []
        try:
            setup = self.project.setup_for(path)  # None: excluded by the configuration
            if setup is not None and wants(path, setup):
                placed, linted = lint_buffer(document.source, path, setup, self.encoding), True
            self._shown.clear()
        except ConfigError as exc:  # the user is editing a configuration file: say so once
            self.show(f"gip-lint 配置错误：{exc}", types.MessageType.Error)
        except Exception as exc:  # never take the editor's server down over one buffer
            self.show(f"gip-lint 检查 {path} 时出错：{type(exc).__name__}: {exc}", types.MessageType.Error)
        if not linted and uri not in self.published:
            return  # not a report gip-lint reads, and nothing said about it before
        self.published[uri] = placed
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version if version is not None else document.version,
            diagnostics=[self.to_protocol(p) for p in placed]))

    def show(self, message: str, kind: types.MessageType) -> None:
        print(message, file=sys.stderr)  # the editor's LSP log
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def forget(self, uri: str) -> None:
        if self.published.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def to_protocol(self, placed: Placed) -> types.Diagnostic:
        diag = placed.diagnostic
        (start_line, start_char), (end_line, end_char) = placed.range
        return types.Diagnostic(
            range=types.Range(start=types.Position(line=start_line, character=start_char),
                              end=types.Position(line=end_line, character=end_char)),
            message=diag.message,
            severity=_SEVERITY.get(diag.severity, types.DiagnosticSeverity.Error),
            code=diag.code,
            source=SOURCE,
            data={"anchor": diag.anchor, "rule": diag.rule, "plugin": diag.plugin},
        )

    def code_actions(self, uri: str, requested: types.Range) -> list[types.CodeAction]:
        """A quick fix for each published diagnostic in ``requested`` that names the value its
        cell should hold (the cell's text replaced by it)."""
        span = ((requested.start.line, requested.start.character), (requested.end.line, requested.end.character))
        actions = []
        for placed in self.published.get(uri, ()):
            if placed.fix is None or placed.range[1] < span[0] or span[1] < placed.range[0]:
                continue
            ((start_line, start_char), (end_line, end_char)), new_text = placed.fix
            edit = types.TextEdit(range=types.Range(start=types.Position(line=start_line, character=start_char),
                                                    end=types.Position(line=end_line, character=end_char)),
                                  new_text=new_text)
            actions.append(types.CodeAction(
                title=f"改为 {new_text}（{placed.diagnostic.code}）", kind=types.CodeActionKind.QuickFix,
                diagnostics=[self.to_protocol(placed)], is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    def hover_at(self, uri: str, line: int, character: int) -> Optional[types.Hover]:
        hits = [p for p in self.published.get(uri, ()) if contains(p.range, (line, character))]
        sections = []
        for code in dict.fromkeys(p.diagnostic.code for p in hits):  # each rule once, in order
            rule = self.project.rule(code)
            if rule is not None:
                sections.append(hover_markdown(rule))
        if not sections:
            return None
        (start_line, start_char), (end_line, end_char) = hits[0].range
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n\n".join(sections)),
            range=types.Range(start=types.Position(line=start_line, character=start_char),
                              end=types.Position(line=end_line, character=end_char)))


def create_server(project: Project) -> GipLintServer:
    server = GipLintServer(project)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GipLintServer, params: types.InitializedParams) -> None:
        from gip_lint.engine.plugins import report_plugin_errors

        # stderr alone would go unseen in an editor
        report_plugin_errors(ls.project.plugin_errors, show=lambda line: ls.show(line, types.MessageType.Warning))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GipLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GipLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: GipLintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GipLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GipLintServer, params: types.HoverParams) -> Optional[types.Hover]:
        return ls.hover_at(params.text_document.uri, params.position.line, params.position.character)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: GipLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params.text_document.uri, params.range)

    return server
