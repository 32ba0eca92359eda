"""argparse's own words in Chinese, so that usage, help and errors speak one language.

argparse asks ``gettext`` for every fixed phrase at the moment it uses it; :func:`chinese`
answers those calls from :data:`PHRASES` while the command runs, and gives argparse back its
own function afterwards (a program embedding gip-lint keeps English argparse elsewhere).
"""

from __future__ import annotations

import argparse
import contextlib

PHRASES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python < 3.10 wording
    "show this help message and exit": "显示本帮助并退出",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "无效的选项值：%(value)r，是不是 %(closest)r？（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多一个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可以是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "one of the arguments %s is required": "参数 %s 中须给出一个",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
}
PLURAL = {"expected %s argument": "需要 %s 个值", "expected %s arguments": "需要 %s 个值"}


@contextlib.contextmanager
def chinese():
    english, english_plural = argparse._, argparse.ngettext
    argparse._ = lambda phrase: PHRASES.get(phrase, english(phrase))
    argparse.ngettext = lambda one, many, n: PLURAL.get(one if n == 1 else many, english_plural(one, many, n))
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english, english_plural
