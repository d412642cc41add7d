import Diagnostics
import JIT
import Workbook

/// What rendering one chapter's examples found.
public struct ChapterVerification: Sendable {
    public var results: [ExampleResult]

    public var stale: [ExampleResult] { results.filter(\.isStale) }
    public var failed: [ExampleResult] { results.filter { !$0.passed && !$0.isStale } }
}

/// Renders one chapter's body: prose through libcmark, `il`/`asm`/`ir`/`run` blocks highlighted and badged.
///
/// Headings get anchors (the table of contents links to them); IL lines and the listing lines
/// generated from them carry the same `data-il` key (ILLinks); two listings of one method that
/// differ in `config=` or architecture are followed by a diff view (VariantDiff).
public struct ChapterPage {
    public var chapter: Chapter
    /// Verification result per example block index.
    public var results: [Int: ExampleResult]
    /// The chapter's headings with their ids.
    public var sections: [Section]
    let links: ILLinks
    let variants: [Int: VariantPair]

    public init(chapter: Chapter, results: [ExampleResult]) {
        self.chapter = chapter
        var byBlock: [Int: ExampleResult] = [:]
        for r in results { byBlock[r.example.blockIndex] = r }
        self.results = byBlock
        self.sections = Sections.of(chapter)
        self.links = ILLinks(chapter: chapter, results: results)
        self.variants = VariantPair.pairs(in: chapter)
    }

    /// The HTML inside `<main>`.
    public func html() -> String {
        var out = "<article class=\"chapter\">\n"
        var headings = sections.makeIterator()
        for mb in chapter.markdown {
            if mb.kind == .codeBlock, let block = chapter.blocks.first(where: { $0.fenceLine == mb.startLine }) {
                switch block.spec {
                case .il(let module):
                    out += ilBlock(block, module: module)
                    continue
                case .example:
                    if let r = results[block.index] {
                        out += exampleBlock(block, r)
                        if let pair = variants[block.index] { out += pair.html(chapter: chapter) }
                        continue
                    }
                case .prose:
                    break
                }
            }
            if case .heading = mb.kind, let s = headings.next() {
                out += Sections.anchored(mb.html, s)
            } else {
                out += mb.html
            }
        }
        out += "</article>\n"
        return out
    }

    func ilBlock(_ block: CodeBlock, module: String) -> String {
        let moduleNote = module == InfoStringParser.defaultModule ? "" : " · module \(module)"
        let lines = Highlighter.htmlLines(block.body, as: .il).enumerated().map { i, html -> String in
            let line = block.fenceLine + 1 + i
            let mapped = links.mappedILLines.contains(line) ? " data-il=\"\(line)\"" : ""
            return "<span class=\"ln\" id=\"L\(line)\"\(mapped)>\(html)</span>"
        }
        let hasMapping = lines.contains { $0.contains("data-il=") }
        return """
        <figure class="code il" id="L\(block.fenceLine)">
        <figcaption><span class="label">IL\(HTML.escape(moduleNote))</span>\(hasMapping ? "<span class=\"hint\">hover or focus a line to see its code</span>" : "")\(permalink(block))</figcaption>
        <pre class="listing lang-il\(hasMapping ? " mapped" : "")"><code>\(lines.joined(separator: "\n"))</code></pre>
        </figure>

        """
    }

    func permalink(_ block: CodeBlock) -> String {
        "<a class=\"origin\" href=\"#L\(block.fenceLine)\" aria-label=\"Permalink to the block at line \(block.fenceLine)\">\(HTML.escape(chapter.path)):\(block.fenceLine)</a>"
    }

    func exampleBlock(_ block: CodeBlock, _ result: ExampleResult) -> String {
        let ex = result.example
        let language: CodeLanguage?
        switch ex.kind {
        case .asm: language = .asm
        case .ir(let phase): language = phase == .il ? .il : .ir
        case .run, .aot: language = nil
        }
        var extra = ""
        let badge: String
        switch result.outcome {
        case .passed:
            badge = "<span class=\"badge verified\">verified · \(HTML.escape(Self.target(of: ex)))</span>"
        case .stale(_, let diff):
            badge = "<span class=\"badge stale\">stale</span>"
            extra = "<details class=\"diff\" open><summary>expected vs actual (run <code>jitbook bless</code> to update)</summary>"
                + "<pre class=\"listing diff\"><code>\(Highlighter.diffHTML(diff))</code></pre></details>\n"
        case .failed(let diags):
            badge = "<span class=\"badge error\">error</span>"
            extra = "<pre class=\"error-message\">\(HTML.escape(diags.map(\.description).joined(separator: "\n")))</pre>\n"
        }
        let map = links.lines[block.index] ?? [:]
        let nodeLinks = links.nodeLinks[block.index] ?? [:]
        let body: String
        if let language {
            body = Highlighter.htmlLines(block.body, as: language).enumerated().map { i, html in
                var line = html
                if let target = nodeLinks[i] { line = Self.linkNode(line, to: target) }
                guard let keys = map[i] else { return "<span class=\"ln\">\(line)</span>" }
                return "<span class=\"ln\" data-il=\"\(keys.map(String.init).joined(separator: " "))\">\(line)</span>"
            }.joined(separator: "\n")
        } else {
            body = HTML.escape(block.body)
        }
        var keys = ""
        if let c = ex.configText { keys += " config=\(c)" }
        if let p = ex.profile { keys += " profile=\(p)" }
        var methodLink = ""
        if let m = ex.method {
            methodLink = "<a class=\"method-link\" href=\"methods/\(MethodPages.slug(m.description)).html\" title=\"every place \(HTML.escape(m.description)) appears\">uses</a>"
        }
        return """
        <figure class="code example \(ex.kind.word)" id="L\(block.fenceLine)">
        <figcaption><span class="label">\(HTML.escape(ex.label))</span>\(keys.isEmpty ? "" : "<span class=\"keys\">\(HTML.escape(keys))</span>")\(badge)\(methodLink)\(permalink(block))</figcaption>
        <pre class="listing lang-\(language?.rawValue ?? "text")\(map.isEmpty ? "" : " mapped")"><code>\(body)</code></pre>
        \(extra)</figure>

        """
    }

    /// Wraps the first node id of a highlighted dump line in a link to its IL line.
    static func linkNode(_ html: String, to line: Int) -> String {
        guard let r = html.range(of: "<span class=\"tok-node\">") else { return html }
        guard let end = html[r.upperBound...].range(of: "</span>") else { return html }
        let id = html[r.upperBound..<end.lowerBound]
        return String(html[..<r.lowerBound])
            + "<a class=\"il-ref\" href=\"#L\(line)\" title=\"IL at line \(line)\"><span class=\"tok-node\">\(id)</span></a>"
            + String(html[end.upperBound...])
    }

    /// `x64`, `arm64`, or `x64, arm64` for runs verified on every architecture.
    static func target(of ex: Example) -> String {
        switch ex.kind {
        case .asm(let a): a.rawValue
        case .ir(let p): "\(ex.arch.rawValue) · \(p.rawValue)"
        case .run(let a): a?.rawValue ?? Arch.allCases.map(\.rawValue).joined(separator: ", ")
        case .aot(let a): "\(a.rawValue) · aot"
        }
    }
}
