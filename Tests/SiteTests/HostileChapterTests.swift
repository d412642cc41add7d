import Execution
import Foundation
import Testing

/// A hostile chapter (raw HTML, script tags, `javascript:` links, odd Unicode, IL strings and method
/// names full of markup), blessed and rendered by the `jitbook` CLI under a root with spaces and
/// Unicode: every page parses with a strict HTML tokenizer (HTMLTokenizer.swift) with no script,
/// event handler or `javascript:` URL of the chapter's making, the markup shows as text, and no
/// file outside `--out` is written.
@Suite(.serialized) struct HostileChapterTests {
    static let chapter = """
        # Hostile <script>alert("title")</script> & “chapter” 𝕏

        Prose with <script>alert(1)</script> inline HTML, <img src=x onerror=alert(2)>, a [link](javascript:alert(3)),
        [another](  JaVaScRiPt:alert(4)), an autolink <javascript:alert(5)>, a [data link](data:text/html;base64,PHNjcmlwdD4=),
        ![image](javascript:alert(6) "t\\"itle"), `<code>` spans, right-to-left \u{202E}override\u{202C},
        zero width \u{200B}space, combining e\u{0301}, BOM \u{FEFF}, tab\there and 日本語.

        <div onclick="alert(7)"><iframe src="javascript:alert(8)"></iframe></div>

        <style>body { display: none }</style>

        ```il
        .assembly Hostile {}
        .class public Program extends [System.Runtime]System.Object {
          .method public static int32 '<b>m<i>$x'() cil managed noinlining {
            ldc.i4.7
            ret
          }
          .method public static int32 Main() cil managed {
            .entrypoint
            ldstr "</code></pre><script>alert(9)</script>&amp;\\"'é𝕏"
            call void [System.Console]System.Console::WriteLine(string)
            call int32 Program::'<b>m<i>$x'()
            ret
          }
        }
        ```

        ```asm x64 Program::<b>m<i>$x
        ```

        ```run
        ```

        """

    /// The `jitbook` executable beside the test bundle.
    static var jitbook: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("jitbook").path
    }

    /// Every regular file under `dir`, relative paths with modification dates and sizes.
    static func snapshot(_ dir: URL) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir.path) else { return out }
        while let path = e.nextObject() as? String {
            let attrs = (try? fm.attributesOfItem(atPath: dir.appendingPathComponent(path).path)) ?? [:]
            out[path] = "\(attrs[.modificationDate] ?? "") \(attrs[.size] ?? "")"
        }
        return out
    }

    @Test func hostileChapterRendersInert() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("jitbook hostile é ✓ \(getpid())")
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("site/theme"), withIntermediateDirectories: true)
        try Data(Self.chapter.utf8).write(to: root.appendingPathComponent("chapters/01-hostile.md"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("site/theme/style.css"))
        try Data("//js".utf8).write(to: root.appendingPathComponent("site/theme/site.js"))

        let bless = try ChildProcess.run(Self.jitbook, ["bless", "--root", root.path], timeout: 120)
        #expect(bless.status == .exited(0), "bless: \(bless.stdout)\(bless.stderr)")
        let blessed = try String(contentsOf: root.appendingPathComponent("chapters/01-hostile.md"), encoding: .utf8)
        #expect(blessed.contains("</code></pre><script>alert(9)</script>&amp;\"'é𝕏\nexit 7\n"))

        let before = Self.snapshot(root)
        let out = root.appendingPathComponent("site out ✓")
        let render = try ChildProcess.run(Self.jitbook, ["render", "--root", root.path, "--out", out.path], timeout: 120)
        #expect(render.status == .exited(0), "render: \(render.stdout)\(render.stderr)")
        #expect(render.stdout.contains("2 verified, 0 stale, 0 failed"), "\(render.stdout)")
        let after = Self.snapshot(root)
        let outside = after.filter { !$0.key.hasPrefix("site out ✓") && before[$0.key] != $0.value }.keys.sorted()
        #expect(outside.isEmpty, "render wrote outside --out: \(outside)")

        let pages = after.keys.filter { $0.hasPrefix("site out ✓/") && $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 3, "\(pages)")
        for page in pages {
            try Self.checkInert(root.appendingPathComponent(page), name: page)
        }
        let chapterPage = try HTMLDocument(parsing: String(contentsOf: out.appendingPathComponent("01-hostile.html"), encoding: .utf8))
        for shown in ["</code></pre><script>alert(9)</script>&amp;\"'é𝕏", "<b>m<i>$x", "Program:<b>m<i>$x():int",
                      "\u{202E}override", "e\u{0301}", "日本語", "javascript:alert(5)"] {
            #expect(chapterPage.text.contains(shown), "the page does not show \(shown.debugDescription) as text")
        }
    }

    /// No script but the theme's, no event handler attribute, no `javascript:`/`data:` URL, no raw HTML element
    /// (an `img` may come from Markdown image syntax; its URL is checked like a link's).
    static func checkInert(_ url: URL, name: String) throws {
        let doc: HTMLDocument
        do {
            doc = try HTMLDocument(parsing: String(contentsOf: url, encoding: .utf8))
        } catch {
            Issue.record("\(name): \(error)")
            return
        }
        for e in doc.elements {
            if e.name == "script" {
                let src = doc.attribute(e, "src") ?? ""
                #expect(src.hasSuffix("theme/site.js") || src.hasSuffix("search-index.js") || src.isEmpty,
                        "\(name): script src \(src)")
                #expect(!e.rawText.contains("alert"), "\(name): a script of the chapter's")
            }
            for a in e.attributes {
                #expect(!a.name.hasPrefix("on"), "\(name): event handler \(a.name) on <\(e.name)>")
                if ["href", "src", "action", "formaction", "xlink:href"].contains(a.name) {
                    let v = String(a.value.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value >= 0x20 }).lowercased()
                    #expect(!v.hasPrefix("javascript:") && !v.hasPrefix("data:") && !v.hasPrefix("vbscript:"),
                            "\(name): \(a.name)=\(a.value) on <\(e.name)>")
                }
            }
            if ["iframe", "style", "object", "embed", "form", "base", "svg", "math"].contains(e.name) && e.ancestors.contains("main") {
                Issue.record("\(name): a <\(e.name)> element in the page's content")
            }
        }
    }
}

/// The tokenizer the hostile-chapter test relies on is strict where it matters.
@Suite struct HTMLTokenizerTests {
    @Test func decodesTextAndAttributes() throws {
        let doc = try HTMLDocument(parsing: """
            <!DOCTYPE html><html><head><meta charset="utf-8"><script src="a.js" defer></script></head>
            <body><!-- c --><p title='&lt;x&#39;'>a &lt;b&gt; &amp;amp; &#x1D54F;<br></p></body></html>
            """)
        #expect(doc.text.contains("a <b> &amp; 𝕏"))
        let p = try #require(doc.elements.first { $0.name == "p" })
        #expect(doc.attribute(p, "title") == "<x'")
        #expect(p.ancestors == ["html", "body"])
    }

    @Test(arguments: ["<p>1 < 2</p>", "<p>a & b</p>", "<p>&bogus;</p>", "<p><b></p></b>", "<p class=x></p>",
                      "<p a=\"1\" a=\"2\"></p>", "<p>", "<script>x"])
    func rejectsSloppyHTML(_ html: String) {
        #expect(throws: HTMLDocument.ParseError.self) { try HTMLDocument(parsing: html) }
    }
}
