"""Formats reports are kept in that gip-lint cannot read: each file is reported (GIP001) with
what to do, so that a folder of them never ends in a silent all-clear."""

from __future__ import annotations

from gip_lint.source import DecodeError, SourceText

_SAVE_AS_DOCX = "请在 Word/WPS 中另存为 .docx（或导出为 PDF）后再检查"
_SAVE_AS_TEXT = "报告的统计表请以 .docx、.html 或文本形式提供"
_IMAGE = "图片中的文字无法检查：请提供报告的 .docx、网页或 PDF 原文件（扫描件需先做文字识别）"

#: extension → what the file is and what to do with it.
ADVICE = {
    ".doc": f"这是旧版 Word 文档（.doc），gip-lint 不能读取：{_SAVE_AS_DOCX}",
    ".docm": f"这是启用宏的 Word 文档（.docm）：{_SAVE_AS_DOCX}",
    ".dot": f"这是 Word 模板（.dot）：{_SAVE_AS_DOCX}",
    ".wps": f"这是 WPS 文字文档（.wps），gip-lint 不能读取：{_SAVE_AS_DOCX}",
    ".wpt": f"这是 WPS 文字模板（.wpt）：{_SAVE_AS_DOCX}",
    ".rtf": f"这是 RTF 文档：{_SAVE_AS_DOCX}",
    ".odt": f"这是 OpenDocument 文档（.odt）：{_SAVE_AS_DOCX}",
    ".ofd": "这是 OFD 版式文件，gip-lint 不能读取：请提供报告的 .docx 或 PDF 版本",
    ".et": f"这是 WPS 表格（.et），gip-lint 不能读取：{_SAVE_AS_TEXT}",
    ".xls": f"这是 Excel 表格（.xls），gip-lint 不能读取：{_SAVE_AS_TEXT}",
    ".xlsx": f"这是 Excel 表格（.xlsx），gip-lint 不能读取：{_SAVE_AS_TEXT}",
    ".dps": "这是 WPS 演示文稿（.dps），不是报告：请提供报告的 .docx 版本",
    ".ppt": "这是 PowerPoint 演示文稿（.ppt），不是报告：请提供报告的 .docx 版本",
    ".pptx": "这是 PowerPoint 演示文稿（.pptx），不是报告：请提供报告的 .docx 版本",
    ".jpg": _IMAGE, ".jpeg": _IMAGE, ".png": _IMAGE, ".gif": _IMAGE, ".bmp": _IMAGE,
    ".tif": _IMAGE, ".tiff": _IMAGE, ".webp": _IMAGE,
}


def advice_for(path: str) -> str:
    lower = path.lower()
    return next((text for ext, text in ADVICE.items() if lower.endswith(ext)), "gip-lint 不能读取这种文件")


def read_unsupported(data: bytes, path: str) -> SourceText:
    raise DecodeError(advice_for(path))
