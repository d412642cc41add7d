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
public struct ChapterPage {
    public var chapter: Chapter
    /// Verification result per example block index.
    public var results: [Int: ExampleResult]

    public init(chapter: Chapter, results: [ExampleResult]) {
        self.chapter = chapter
        var byBlock: [Int: ExampleResult] = [:]
        for r in results { byBlock[r.example.blockIndex] = r }
        self.results = byBlock
    }

    /// The HTML inside `<main>`.
    public func html() -> String {
        var out = "<article class=\"chapter\">\n"
        for mb in chapter.markdown {
            if mb.kind == .codeBlock, let block = chapter.blocks.first(where: { $0.fenceLine == mb.startLine }) {
                switch block.spec {
                case .il(let module):
                    out += ilBlock(block, module: module)
                    continue
                case .example:
                    if let r = results[block.index] {
                        out += exampleBlock(block, r)
                        continue
                    }
                case .prose:
                    break
                }
            }
            out += mb.html
        }
        out += "</article>\n"
        return out
    }

    func ilBlock(_ block: CodeBlock, module: String) -> String {
        let moduleNote = module == InfoStringParser.defaultModule ? "" : " · module \(module)"
        return """
        <figure class="code il" id="L\(block.fenceLine)">
        <figcaption><span class="label">IL\(HTML.escape(moduleNote))</span><a class="origin" href="#L\(block.fenceLine)">\(HTML.escape(chapter.path)):\(block.fenceLine)</a></figcaption>
        <pre class="listing lang-il"><code>\(Highlighter.html(block.body, as: .il))</code></pre>
        </figure>

        """
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
        let body = language.map { Highlighter.html(block.body, as: $0) } ?? HTML.escape(block.body)
        var keys = ""
        if let c = ex.configText { keys += " config=\(c)" }
        if let p = ex.profile { keys += " profile=\(p)" }
        return """
        <figure class="code example \(ex.kind.word)" id="L\(block.fenceLine)">
        <figcaption><span class="label">\(HTML.escape(ex.label))</span>\(keys.isEmpty ? "" : "<span class=\"keys\">\(HTML.escape(keys))</span>")\(badge)<a class="origin" href="#L\(block.fenceLine)">\(HTML.escape(chapter.path)):\(block.fenceLine)</a></figcaption>
        <pre class="listing lang-\(language?.rawValue ?? "text")"><code>\(body)</code></pre>
        \(extra)</figure>

        """
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
