import Foundation
import Testing
import Diagnostics
import JIT
@testable import Site
import Workbook

/// The site's reading tools on small chapters with a fake engine: the IL mapping in the HTML,
/// IR node links, variant diffs, section anchors, the status table, method pages, the search index.
@Suite struct ReadingToolsTests {
    // Line numbers matter: the IL instructions are on lines 6, 7 and 8.
    static let chapter = """
    # Mapping

    ## The method

    ```il
    ldarg.0
    ldc.i4.1
    add
    ```

    ```asm x64 Program::Inc
    push rbp
    lea eax, [rdi+1]
    ret
    ```

    ```asm x64 Program::Inc config=JitNoInline=1
    push rbp
    inc eax
    ret
    ```

    ```asm arm64 Program::Inc
    add w0, w0, #1
    ret
    ```

    ```ir lsra Program::Inc
    STMT00000 (IL 0x000...0x002)
    N001 [000003] t3 = ADD int
    ```

    ## The method

    Again.

    """
    static let path = "chapters/01-map.md"

    static func site(_ il: [ILInstructionSite], mapping: [InstructionDebugInfo], nodes: [Int: Int] = [:],
                     staleArm: Bool = false) -> FakeEngine {
        let info = MethodDebugInfo(instructions: mapping, ilInstructions: il, dumpNodeOffsets: [.lsra: nodes])
        return FakeEngine(outputs: ["asm x64 Program::Inc": "push rbp\nlea eax, [rdi+1]\nret\n",
                                    "asm arm64 Program::Inc": staleArm ? "other\n" : "add w0, w0, #1\nret\n",
                                    "ir lsra Program::Inc": "STMT00000 (IL 0x000...0x002)\nN001 [000003] t3 = ADD int\n"],
                          debug: ["asm x64 Program::Inc": info, "asm arm64 Program::Inc": info, "ir lsra Program::Inc": info])
    }

    static var sites: [ILInstructionSite] {
        [ILInstructionSite(range: ILRange(start: 0, end: 1), opcode: "ldarg.0", location: SourceLocation(file: path, line: 6, column: 1)),
         ILInstructionSite(range: ILRange(start: 1, end: 2), opcode: "ldc.i4.1", location: SourceLocation(file: path, line: 7, column: 1)),
         ILInstructionSite(range: ILRange(start: 2, end: 3), opcode: "add", location: SourceLocation(file: path, line: 8, column: 1))]
    }

    static var mapping: [InstructionDebugInfo] {
        [InstructionDebugInfo(codeOffset: 0, size: 1, listingLine: 0, mapping: .prolog),
         InstructionDebugInfo(codeOffset: 1, size: 3, listingLine: 1, mapping: .il(ILRange(start: 0, end: 3))),
         InstructionDebugInfo(codeOffset: 4, size: 1, listingLine: 2, mapping: .epilog)]
    }

    func render(_ engine: FakeEngine, _ text: String = chapter) throws -> (TempBook, String) {
        let tb = try TempBook(chapters: ["01-map.md": text])
        _ = try SiteRenderer(book: tb.book, engine: engine).render(to: tb.root.appendingPathComponent("out"))
        return (tb, try tb.read("out/01-map.html"))
    }

    @Test func ilAndAsmLinesShareTheirKeys() throws {
        let (_, page) = try render(Self.site(Self.sites, mapping: Self.mapping))
        #expect(page.contains("<span class=\"ln\" id=\"L6\" data-il=\"6\">"))
        #expect(page.contains("<span class=\"ln\" id=\"L8\" data-il=\"8\">"))
        #expect(page.contains("<pre class=\"listing lang-il mapped\">"))
        // The lea came from all three IL instructions; the prolog and the epilog from none.
        #expect(page.contains("<span class=\"ln\" data-il=\"6 7 8\">       <span class=\"tok-op\">lea</span>")
                || page.contains("<span class=\"ln\" data-il=\"6 7 8\"><span class=\"tok-op\">lea</span>"))
        #expect(page.contains("<span class=\"ln\"><span class=\"tok-op\">push</span>"))
        #expect(page.contains("<span class=\"ln\"><span class=\"tok-op\">ret</span>"))
    }

    @Test func irNodesLinkToTheirIL() throws {
        let (_, page) = try render(Self.site(Self.sites, mapping: Self.mapping, nodes: [3: 2]))
        #expect(page.contains("<a class=\"il-ref\" href=\"#L8\" title=\"IL at line 8\"><span class=\"tok-node\">[000003]</span></a>"))
        // The statement line covers IL 0x000...0x002: lines 6 to 8.
        #expect(page.contains("<span class=\"ln\" data-il=\"6 7 8\"><span class=\"tok-op\">STMT00000</span>")
                || page.contains("<span class=\"ln\" data-il=\"6 7 8\">"))
    }

    @Test func noMappingForStaleListingsOrILFromElsewhere() throws {
        var elsewhere = Self.sites
        for i in elsewhere.indices { elsewhere[i].location.file = "runtime-synthesized" }
        let (_, page) = try render(Self.site(elsewhere, mapping: Self.mapping))
        #expect(!page.contains("data-il="))
        let (_, stale) = try render(Self.site(Self.sites, mapping: Self.mapping, staleArm: true))
        // The arm64 listing is stale: its lines carry no keys (its text is not the JIT's).
        let arm = try #require(stale.range(of: "id=\"L23\""))
        let armFigure = stale[arm.lowerBound...].prefix { _ in true }
        let end = try #require(armFigure.range(of: "</figure>"))
        #expect(!armFigure[..<end.lowerBound].contains("data-il="))
    }

    @Test func variantsAreShownAsDiffs() throws {
        let (_, page) = try render(Self.site(Self.sites, mapping: Self.mapping))
        // The config= listing pairs with the first x64 one (open); arm64 with the first x64 one (closed).
        #expect(page.contains("<details class=\"variants config\" open>"))
        #expect(page.contains("<details class=\"variants arch\">"))
        #expect(page.contains("x64 (default knobs) · line 11</a> → <a href=\"#L17\">x64 config=JitNoInline=1 · line 17</a>"))
        #expect(page.contains("<input type=\"radio\" name=\"dv17\" id=\"dv17-s\" value=\"side\" checked>"))
        #expect(page.contains("<td class=\"diff-del\">lea eax, [<span class=\"tok-reg\">rdi</span><span class=\"tok-num\">+1</span>]</td>")
                || page.contains("<td class=\"diff-del\"><span class=\"tok-op\">lea</span>"))
        #expect(page.contains("<td class=\"same\"><span class=\"tok-op\">push</span> <span class=\"tok-reg\">rbp</span></td>"))
        #expect(page.contains("−1 +1 lines"))
    }

    @Test func pairingRules() throws {
        let ch = try Chapter(source: Self.chapter, path: Self.path)
        let pairs = VariantPair.pairs(in: ch)
        #expect(pairs.count == 2)
        let kinds = pairs.values.sorted { $0.after.line < $1.after.line }.map { ($0.before.line, $0.after.line, $0.kind == .config) }
        #expect(kinds.map(\.0) == [11, 11])
        #expect(kinds.map(\.1) == [17, 23])
        #expect(kinds.map(\.2) == [true, false])
    }

    @Test func sectionsGetUniqueAnchorsAndTheTableOfContents() throws {
        let (tb, page) = try render(Self.site(Self.sites, mapping: Self.mapping))
        #expect(page.contains("<h2 id=\"the-method\">The method <a class=\"anchor\" href=\"#the-method\""))
        #expect(page.contains("<h2 id=\"the-method-2\">"))
        #expect(page.contains("<nav class=\"sidebar\" aria-label=\"table of contents\">"))
        #expect(page.contains("<li class=\"current\"><a href=\"01-map.html\" aria-current=\"page\">Mapping</a>"))
        let index = try tb.read("out/index.html")
        #expect(index.contains("<ol class=\"sections\">\n<li><a href=\"01-map.html#the-method\">The method</a></li>\n<li><a href=\"01-map.html#the-method-2\">The method</a></li>"))
        #expect(Sections.slug("What `Foo` does, twice?") == "what-foo-does-twice")
    }

    @Test func indexShowsStatusPerChapter() throws {
        let (tb, _) = try render(Self.site(Self.sites, mapping: Self.mapping, staleArm: true))
        let index = try tb.read("out/index.html")
        // asm x64 verified, asm x64 config= stale (the fake returns no text for it), arm64 stale, ir verified.
        #expect(index.contains("<tr><td><a href=\"01-map.html\">Mapping</a></td><td class=\"num\"><span class=\"count verified\">2</span></td><td class=\"num\"><span class=\"count stale\">2</span></td><td class=\"num\"><span class=\"count zero\">0</span></td></tr>"))
    }

    @Test func methodPagesListEveryPlace() throws {
        let (tb, page) = try render(Self.site(Self.sites, mapping: Self.mapping))
        #expect(page.contains("<a class=\"method-link\" href=\"methods/Program--Inc.html\""))
        let m = try tb.read("out/methods/Program--Inc.html")
        #expect(m.contains("<a href=\"../01-map.html#L11\">chapters/01-map.md:11</a>"))
        #expect(m.contains("<a href=\"../01-map.html#L28\">chapters/01-map.md:28</a>"))
        #expect(m.contains("<link rel=\"stylesheet\" href=\"../theme/style.css\">"))
        #expect(MethodPages.key("Program/Derived::Foo(int32)[thunk]") == "Program+Derived::Foo")
        #expect(MethodPages.slug("NS.Program+Derived::Foo[async]") == "NS.Program-Derived--Foo")
    }

    @Test func searchIndexIsAScriptWithEscapedEntries() throws {
        let (tb, _) = try render(Self.site(Self.sites, mapping: Self.mapping))
        let js = try tb.read("out/search-index.js")
        #expect(js.hasPrefix("// jitbook search index"))
        #expect(js.contains("[\"section\",\"Mapping › The method\",\"01-map.html#the-method\",\"\"]"))
        #expect(js.contains("[\"listing\",\"asm x64 Program::Inc\",\"01-map.html#L11\",\"push rbp\\nlea eax, [rdi+1]\\nret\"]"))
        #expect(js.contains("[\"method\",\"Program::Inc\",\"methods/Program--Inc.html\""))
        #expect(SearchIndex.jsString("a\"b</script>\u{1}") == "\"a\\\"b\\u003c/script>\\u0001\"")
    }

    @Test func renderingIsDeterministic() throws {
        let (tb1, _) = try render(Self.site(Self.sites, mapping: Self.mapping))
        let (tb2, _) = try render(Self.site(Self.sites, mapping: Self.mapping))
        for f in ["index.html", "01-map.html", "search-index.js", "methods/index.html", "methods/Program--Inc.html", "search.html"] {
            #expect(try tb1.read("out/\(f)") == (try tb2.read("out/\(f)")), "\(f)")
        }
    }

    @Test func highlightedLinesSplitAtNewlines() {
        let lines = Highlighter.htmlLines("/* a\nb */ ldarg.0\nret\n", as: .il)
        #expect(lines == ["<span class=\"tok-com\">/* a</span>", "<span class=\"tok-com\">b */</span> <span class=\"tok-op\">ldarg.0</span>",
                          "<span class=\"tok-op\">ret</span>"])
    }
}
