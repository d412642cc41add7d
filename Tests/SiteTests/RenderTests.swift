import Testing
import Foundation
import Diagnostics
@testable import Site
import Workbook

@Suite struct RenderTests {
    static let one = """
    # Calls & returns

    Prose with <script>alert(1)</script> raw HTML and `code`.

    ```il
    .method static int32 Add() { ret }
    ```

    ```asm x64 Program::Add
    ret
    ```

    ```asm arm64 Program::Add
    old
    ```

    ```ir morph Program::Add
    BB01
    ```

    ```csharp
    int Add() => 1 < 2 ? 1 : 0;
    ```

    """
    static let two = "# Second `<chapter>`\n\nText.\n"

    func render(_ engine: FakeEngine) throws -> (TempBook, RenderReport) {
        let tb = try TempBook(chapters: ["01-calls.md": Self.one, "02-second.md": Self.two])
        let report = try SiteRenderer(book: tb.book, engine: engine).render(to: tb.root.appendingPathComponent("site/out"))
        return (tb, report)
    }

    var engine: FakeEngine {
        FakeEngine(outputs: ["asm x64 Program::Add": "ret\n", "asm arm64 Program::Add": "new\n"],
                   errors: ["ir morph Program::Add": Diagnostic(.unsupported, at: SourceLocation(file: "chapters/01-calls.md", line: 6, column: 1), "no <morph> yet")])
    }

    @Test func indexHasTitleAndTableOfContents() throws {
        let (tb, report) = try render(engine)
        let index = try tb.read("site/out/index.html")
        #expect(index.contains("<title>jitbook</title>"))
        #expect(index.contains("<ol class=\"toc\">\n<li><a href=\"01-calls.html\">Calls &amp; returns</a></li>\n<li><a href=\"02-second.html\">Second &lt;chapter&gt;</a></li>\n</ol>"))
        #expect(report.pages == ["index.html", "01-calls.html", "02-second.html", "methods/index.html", "methods/Program--Add.html",
                                 "search.html", "search-index.js", "theme/site.js", "theme/style.css"])
        #expect(try tb.read("site/out/theme/style.css") == "body{}")
    }

    @Test func badgesForVerifiedStaleAndError() throws {
        let (tb, report) = try render(engine)
        let page = try tb.read("site/out/01-calls.html")
        #expect(page.contains("<span class=\"badge verified\">verified · x64</span>"))
        #expect(page.contains("<span class=\"badge stale\">stale</span>"))
        #expect(page.contains("<span class=\"diff-del\">-old</span>\n<span class=\"diff-add\">+new</span>"))
        #expect(page.contains("<span class=\"badge error\">error</span>"))
        #expect(page.contains("chapters/01-calls.md:6:1: error: no &lt;morph&gt; yet"))
        #expect(report.verified == 1)
        #expect(report.stale == 1)
        #expect(report.failed == 1)
        #expect(!report.isClean)
        #expect(report.warnings.map(\.description) == ["chapters/01-calls.md:13:1: warning: stale asm arm64 Program::Add (listing differs)"])
    }

    @Test func cleanRunIsClean() throws {
        let e = FakeEngine(outputs: ["asm x64 Program::Add": "ret\n", "asm arm64 Program::Add": "old\n", "ir morph Program::Add": "BB01\n"])
        let (tb, report) = try render(e)
        #expect(report.isClean)
        #expect(report.verified == 3)
        #expect(try tb.read("site/out/01-calls.html").contains("<span class=\"badge verified\">verified · x64 · morph</span>"))
    }

    @Test func proseIsRenderedSafely() throws {
        let (tb, _) = try render(engine)
        let page = try tb.read("site/out/01-calls.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("<h1 id=\"calls-returns\">Calls &amp; returns</h1>"))
        #expect(page.contains("<code>code</code>"))
        #expect(page.contains("<pre><code class=\"language-csharp\">int Add() =&gt; 1 &lt; 2 ? 1 : 0;"))
        #expect(page.contains("<pre class=\"listing lang-il\"><code><span class=\"ln\" id=\"L6\"><span class=\"tok-dir\">.method</span>"))
    }

    @Test func previousAndNextLinks() throws {
        let (tb, _) = try render(engine)
        let first = try tb.read("site/out/01-calls.html")
        let second = try tb.read("site/out/02-second.html")
        #expect(first.contains("<a class=\"next\" rel=\"next\" href=\"02-second.html\">Second &lt;chapter&gt; →</a>"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(second.contains("<a class=\"prev\" rel=\"prev\" href=\"01-calls.html\">← Calls &amp; returns</a>"))
        #expect(!second.contains("rel=\"next\""))
    }

    @Test func brokenChapterStillGetsAPage() throws {
        let tb = try TempBook(chapters: ["01-bad.md": "# Bad\n\n```asm x99 P::M\n```\n"])
        let report = try SiteRenderer(book: tb.book, engine: FakeEngine()).render(to: tb.root.appendingPathComponent("out"))
        #expect(!report.isClean)
        #expect(report.errors.first?.description.hasPrefix("chapters/01-bad.md:3:8: error: unknown architecture 'x99'") == true)
        #expect(try tb.read("out/01-bad.html").contains("unknown architecture &#39;x99&#39;"))
    }

    @Test func shippedThemeUsesNoNetworkResources() throws {
        let themeDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("site/theme")
        for name in ["style.css", "site.js"] {
            let text = String(decoding: try Data(contentsOf: themeDir.appendingPathComponent(name)), as: UTF8.self)
            #expect(!text.isEmpty)
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("@import"), "\(name)")
        }
    }
}
