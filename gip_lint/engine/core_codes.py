"""Codes the core itself reports: input it could not read, and rules that crashed.

They are rules without a check, so that ``explain``, ``rules``, ``--select`` and
``--ignore`` treat them like any other code.
"""

from __future__ import annotations

from gip_lint.rule import Rule

_PLUGIN = "core"

CANNOT_READ = Rule(
    code="GIP001", name="cannot-read", severity="error", check=None, plugin=_PLUGIN,
    summary="文件无法读取或解码（不是 UTF-8/GB18030 文本、二进制文件、损坏的文档、过大、无权限或用时过长）。",
    explanation="""## 含义
gip-lint 读不了这个文件，因此无法检查其内容。位置通常是 1:1，或指向第一个无法解码的字节。

## 为什么
报告必须以文本（UTF-8 或 GB18030/GBK）、HTML、Word 文档或带文字层的 PDF 形式提供。二进制文件、损坏的压缩包、
编码错误的文件无法检查；这不是报告内容的错误，而是文件本身的问题。

## 错误示例
把 PDF 或图片以 .txt 扩展名保存；Word 文档损坏；扫描件 PDF（没有文字层，诊断给出页码）、
加密或损坏的 PDF；文件超过大小上限（--max-file-size）；
读取和检查一个文件的用时超过上限（--time-limit，默认 20 秒：来历不明的网页可能是为拖住检查而构造的），
此时报告“读取/检查用时超过 N 秒”，并继续检查下一个文件。

## 正确示例
另存为 UTF-8 文本，或提供原始 .docx / .html 文件。""",
)

NOT_A_REPORT = Rule(
    code="GIP002", name="not-a-report", severity="error", check=None, plugin=_PLUGIN,
    summary="文件不是政府信息公开工作年度报告（找不到六个部分，也找不到统计表）。",
    explanation="""## 含义
文件可以读取，但既没有“一、总体情况”等六个部分的标题，也没有第二、三、四部分的统计表；
或者它是 2008 年条例时期的旧式报告（“政府信息公开情况统计表”）。其他规则不再对它报告问题。

## 为什么
对不是年度报告的文件逐条报告“缺少章节”“缺少表格”毫无意义，只会淹没真正的问题。

## 错误示例
把工作总结、通知或空白文件放进报告目录。

## 正确示例
文件包含按国办公开办函〔2021〕30号格式编写的六个部分及统计表。""",
)

UNREADABLE_PART = Rule(
    code="GIP003", name="unreadable-part", severity="warning", check=None, plugin=_PLUGIN,
    summary="报告中有一部分（表格的行、列或整张表）gip-lint 无法理解，这部分未参与检查。",
    explanation="""## 含义
gip-lint 在报告中找到了表格或段落，但无法把其中某些行或列对应到国家格式的行列
（例如数字个数与列数不符、行标签无法识别、表头缺失）。消息会说明是哪一行、哪一列。

放不进格式规定的行，绝不猜作另一行：合并单元格下缺少或无法辨认标签的行，报告在这一行
自己的单元格上（不在上方合并单元格所在的行）；标签只有个别错字、且上下相邻的行正好只空出
一行的，按位置读作那一行。2021 年格式的表三里，2019 年试行格式的单行“(六)其他处理”与
(六)1—3 细项并存时，单行也报告为本代码，不参与核对。

## 为什么
无法理解的部分不能被当作报告错误：gip-lint 对这部分不作任何判断（不会据此报告缺行、
合计不符等问题），但会告诉你这部分没有被检查，以免你误以为它已通过检查。

## 错误示例
表三某一行只有 5 个数字，无法确定它们分别属于哪一列。

## 正确示例
每个数据行都有 7 个单元格（空单元格保留为空），行标签使用格式规定的文字。
若报告本身没有问题，请用 `gip-lint show 文件` 查看 gip-lint 的理解，并向我们报告这一版式。""",
)

RULE_CRASHED = Rule(
    code="GIP999", name="rule-crashed", severity="error", check=None, plugin=_PLUGIN,
    summary="某条规则在检查此报告时出错（规则本身的缺陷，不是报告的问题）。",
    explanation="""## 含义
一条规则（内置或插件提供）在运行时抛出了异常。消息给出规则代码、所属插件和异常信息。
其余规则照常运行，结果仍然有效。

## 为什么
一个插件的缺陷不应让整个检查失败，但也不能悄悄吞掉：那条规则对这份报告什么也没检查。
因此 `--exit-zero` 也不会掩盖它：出现 GIP999 时仍以 1 退出，除非你忽略了 GIP999 本身。

## 错误示例
省级插件的规则假设第六部分一定存在，遇到缺少第六部分的报告时出错。

## 正确示例
规则在数据缺失时什么也不报告（或报告“无法核对”），而不是抛出异常。请把消息转告插件作者。""",
)

UNUSED_SUPPRESSION = Rule(
    code="GIP010", name="unused-suppression", severity="warning", check=None, plugin=_PLUGIN,
    summary="一条 gip-lint: ignore 批注或注释（或基线中的一项）已不再对应任何问题。",
    explanation="""## 含义
报告中的 `gip-lint: ignore[代码] 理由`（Word 批注，或 Markdown/HTML 中的 `<!-- … -->` 注释）
在它所在的位置没有压制任何问题；或者 --baseline 基线文件中的某一项在本次检查中已不再出现。
（类似 ruff 的 unused-noqa。）

## 为什么
问题改正后，留下的压制会在将来悄悄掩盖同一位置的新问题；过时的基线项也是如此。

## 错误示例
表三某格已补上数字，但单元格上仍留着批注 `gip-lint: ignore[GIP206] 数据待核实`。

## 正确示例
删除这条批注或注释；基线过时时用 --write-baseline 重新生成基线文件。""",
)

SUPPRESSION_WITHOUT_REASON = Rule(
    code="GIP011", name="suppression-without-reason", severity="warning", check=None, plugin=_PLUGIN,
    summary="gip-lint: ignore 没有写理由，因而不生效。",
    explanation="""## 含义
`gip-lint: ignore[代码]` 后面必须写明为什么不改（理由），否则这条压制不生效，原问题照常报告。

## 为什么
审阅报告的人需要知道一个问题为什么被接受；没有理由的压制无法审阅。

## 错误示例
`<!-- gip-lint: ignore[GIP206] -->`

## 正确示例
`<!-- gip-lint: ignore[GIP206] 该项本年度未统计，已向上级说明 -->`；Word 中在单元格上插入批注
`gip-lint: ignore[GIP206] 该项本年度未统计`。""",
)

CORE_RULES = (CANNOT_READ, NOT_A_REPORT, UNREADABLE_PART, RULE_CRASHED, UNUSED_SUPPRESSION,
              SUPPRESSION_WITHOUT_REASON)
