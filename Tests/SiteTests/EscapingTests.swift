import Testing
@testable import Site
import Workbook

@Suite struct EscapingTests {
    @Test func escapesTheFiveCharacters() {
        #expect(HTML.escape("<a href=\"x\">Tom & 'Jerry'</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(HTML.escape("plain äö") == "plain äö")
    }

    @Test func highlightedCodeIsEscaped() {
        let html = Highlighter.html("call     [Program:Foo<int>():int:this]\n", as: .asm)
        #expect(html.contains("[Program:Foo&lt;int&gt;():int:this]"))
        #expect(!html.contains("<int>"))
        let il = Highlighter.html("ldstr \"<b>&\"\n", as: .il)
        #expect(il.contains("<span class=\"tok-str\">&quot;&lt;b&gt;&amp;&quot;</span>"))
    }

    @Test func diffLinesAreEscapedAndClassified() {
        let html = Highlighter.diffHTML("--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-a<b\n+a>b\n")
        #expect(html == "<span class=\"diff-file\">--- expected</span>\n<span class=\"diff-file\">+++ actual</span>\n"
            + "<span class=\"diff-hunk\">@@ -1,1 +1,1 @@</span>\n<span class=\"diff-del\">-a&lt;b</span>\n<span class=\"diff-add\">+a&gt;b</span>")
    }
}
