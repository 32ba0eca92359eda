"""``check --show-settings``: the settings that apply to a path, each with where it came from."""

from __future__ import annotations

import json


def settings_table(resolver, path: str) -> str:
    """The table for ``path`` under ``resolver``, ending in a line break."""
    from gip_lint.config.files import FIELD_KEYS, ignored_codes
    from gip_lint.config.settings import FIELDS
    from gip_lint.formatters.statistics import display_width, pad

    settings = resolver.settings_for(path)
    rows = [("配置文件", settings.config_file or "（没有）", ""),
            ("路径相对于", settings.base_dir, settings.source.get("base_dir", ""))]
    for field in FIELDS:
        if field in ("source", "config_file", "base_dir"):
            continue
        value = getattr(settings, field)
        if field == "per_file_ignores":
            value = {glob: list(codes) for glob, codes in value}
        shown = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        rows.append((FIELD_KEYS.get(field, field), shown, settings.source.get(field, "")))
    matched = ignored_codes(settings, resolver.lookup_path(path))
    rows.append(("（此文件忽略）", json.dumps(list(matched), ensure_ascii=False), "per-file-ignores"))
    width = max(display_width(key) for key, _, _ in rows) + 2
    lines = [f"{path} 适用的设置："]
    lines += [f"  {pad(key, width)}{value}" + (f"    # {where}" if where else "") for key, value, where in rows]
    return "\n".join(lines) + "\n"
