import Foundation
import Diagnostics
import Workbook

/// What `jitbook render` did: the pages written and every stale or failed example.
public struct RenderReport: Sendable {
    /// Written files relative to the output directory, in order.
    public var pages: [String] = []
    /// `chapters/x.md:41: warning: stale asm x64 Program::Add (listing differs)` per stale block.
    public var warnings: [Diagnostic] = []
    /// Failed examples and chapters that did not parse.
    public var errors: [Diagnostic] = []
    public var verified = 0
    public var stale = 0
    public var failed = 0

    public init() {}

    /// True when every example verified: `render` exits 1 otherwise (after writing the site).
    public var isClean: Bool { stale == 0 && failed == 0 && errors.isEmpty }
}

/// One chapter as the site knows it: loaded, verified, its headings.
public struct ChapterState: Sendable {
    public var url: URL
    /// `08-seed-000-inlining-async-thunks-after-gdv`.
    public var stem: String
    public var chapter: Chapter?
    /// Why the chapter did not load.
    public var loadErrors: [Diagnostic]
    public var results: [ExampleResult]
    public var sections: [Section]
    /// The chapter page's `<main>` content, rendered once when the chapter is verified.
    public var body: String
    /// The methods the chapter's IL defines, with the line of each `.method`.
    var ilMethods: [(name: String, line: Int)]
    /// The chapter's entries of the search index.
    var searchEntries: [[String]]

    public var title: String { chapter?.title ?? stem }
    public var page: String { stem + ".html" }
    public var verified: Int { results.filter(\.passed).count }
    public var stale: Int { results.filter(\.isStale).count }
    public var failed: Int { results.filter { !$0.passed && !$0.isStale }.count }
}

/// Renders the book to static HTML, verifying every example live through an engine.
///
/// Writes `index.html` (status of every chapter and the table of contents), one
/// `NN-slug.html` per chapter, `methods/` (a page per method), `search.html` with the
/// prebuilt `search-index.js`, and copies the theme (`site/theme/*`) to `theme/`. Stale
/// listings still render, with a badge and the diff, so a reader sees exactly what drifted.
public struct SiteRenderer {
    public var book: Book
    public var engine: any ExampleEngine
    /// Directory with `style.css` and `site.js`.
    public var themeDirectory: URL

    public init(book: Book, engine: any ExampleEngine, themeDirectory: URL? = nil) {
        self.book = book
        self.engine = engine
        self.themeDirectory = themeDirectory ?? book.root.appendingPathComponent("site/theme")
    }

    /// One rendered page (path relative to the output directory, HTML).
    public struct Page: Sendable {
        public var path: String
        public var html: String
    }

    /// Loads and verifies one chapter file.
    public func state(of url: URL) -> ChapterState {
        let stem = url.deletingPathExtension().lastPathComponent
        do {
            let chapter = try book.load(url)
            let results = Verifier(engine: engine).verify(chapter)
            let page = ChapterPage(chapter: chapter, results: results)
            let title = chapter.title ?? stem
            var search = SearchIndex()
            search.add(chapter: chapter, page: stem + ".html", title: title, sections: page.sections)
            return ChapterState(url: url, stem: stem, chapter: chapter, loadErrors: [], results: results,
                                sections: page.sections, body: page.html(), ilMethods: MethodPages.ilMethods(of: chapter),
                                searchEntries: search.entries)
        } catch {
            let loc = SourceLocation(file: book.displayPath(url), line: 1, column: 1)
            let diags = error.diagnostics(defaultLocation: loc)
            let body = "<article class=\"chapter\"><h1>\(HTML.escape(stem))</h1>\n<p>This chapter has errors:</p>\n"
                + "<pre class=\"error-message\">\(HTML.escape(diags.map(\.description).joined(separator: "\n")))</pre></article>\n"
            return ChapterState(url: url, stem: stem, chapter: nil, loadErrors: diags, results: [], sections: [],
                                body: body, ilMethods: [], searchEntries: [])
        }
    }

    /// Loads and verifies every chapter, in parallel (see `ParallelMap`).
    public func states() throws -> [ChapterState] {
        ParallelMap.map(try book.chapterFiles(), state(of:))
    }

    /// Renders every page in memory.
    public func pages(report: inout RenderReport) throws -> [Page] {
        pages(from: try states(), report: &report)
    }

    /// Renders every page from chapters already verified (`jitbook serve` re-verifies only the
    /// chapter that changed, then calls this).
    public func pages(from states: [ChapterState], report: inout RenderReport) -> [Page] {
        for s in states {
            report.errors += s.loadErrors
            for r in s.results {
                switch r.outcome {
                case .passed:
                    report.verified += 1
                case .stale:
                    report.stale += 1
                    report.warnings.append(Diagnostic(.chapter, at: SourceLocation(file: r.example.file, line: r.example.line, column: 1),
                                                      "stale \(r.example.label) (\(r.example.subject) differs)", severity: .warning))
                case .failed(let diags):
                    report.failed += 1
                    // One runtime that cannot be built fails every run the same way: print it once.
                    report.errors += diags.filter { !report.errors.contains($0) }
                }
            }
        }
        var pages: [Page] = []
        pages.append(Page(path: "index.html", html: PageTemplate.page(title: PageTemplate.siteTitle, body: Self.indexBody(states),
                                                                      sidebar: Self.sidebar(states, current: nil))))
        var methods = MethodPages()
        var search = SearchIndex()
        for (i, s) in states.enumerated() {
            let prev = i > 0 ? PageLink(href: states[i - 1].page, title: states[i - 1].title) : nil
            let next = i + 1 < states.count ? PageLink(href: states[i + 1].page, title: states[i + 1].title) : nil
            if let chapter = s.chapter {
                methods.add(chapter: chapter, page: s.page, title: s.title, ilMethods: s.ilMethods, results: s.results)
            }
            search.entries += s.searchEntries
            pages.append(Page(path: s.page, html: PageTemplate.page(title: s.title, body: s.body, previous: prev, next: next,
                                                                    sidebar: Self.sidebar(states, current: i))))
        }
        search.add(methods: methods)
        let methodsSidebar = Self.sidebar(states, current: nil, root: "../")
        pages.append(Page(path: "methods/index.html", html: PageTemplate.page(title: "Methods", body: methods.indexHTML(),
                                                                              root: "../", sidebar: methodsSidebar)))
        for k in methods.sortedKeys {
            pages.append(Page(path: "methods/\(MethodPages.slug(k)).html",
                              html: PageTemplate.page(title: k, body: methods.pageHTML(k), root: "../", sidebar: methodsSidebar)))
        }
        pages.append(Page(path: "search.html", html: PageTemplate.page(title: "Search", body: Self.searchBody,
                                                                       sidebar: Self.sidebar(states, current: nil))))
        pages.append(Page(path: "search-index.js", html: search.script()))
        return pages
    }

    static let searchBody = """
        <h1>Search</h1>
        <p class="lede" id="search-status">Type in the search box above: it searches the prose, the method names and the instructions of every listing.</p>
        <noscript><p>Search needs JavaScript; every chapter is listed on the <a href="index.html">contents page</a> and every method on the <a href="methods/index.html">methods page</a>.</p></noscript>
        <ol class="search-page-results" id="search-page-results"></ol>

        """

    /// The index page: what the book is, each chapter's status, the table of contents with sections.
    static func indexBody(_ states: [ChapterState]) -> String {
        var out = "<h1>jitbook</h1>\n<p class=\"lede\">A literate workbook about how a .NET-style JIT compiles runtime-async code. "
            + "Every listing below is checked against the model JIT when the site is built.</p>\n"
        if states.isEmpty { return out + "<p>No chapters yet.</p>\n" }
        let v = states.map(\.verified).reduce(0, +), st = states.map(\.stale).reduce(0, +), f = states.map(\.failed).reduce(0, +)
        out += "<h2 id=\"status\">Status</h2>\n<table class=\"status\"><thead><tr><th scope=\"col\">Chapter</th>"
            + "<th scope=\"col\" class=\"num\">verified</th><th scope=\"col\" class=\"num\">stale</th><th scope=\"col\" class=\"num\">failed</th></tr></thead><tbody>\n"
        for s in states {
            func cell(_ n: Int, _ cls: String) -> String {
                "<td class=\"num\"><span class=\"count \(n > 0 ? cls : "zero")\">\(n)</span></td>"
            }
            let broken = s.chapter == nil ? " <span class=\"badge error\">does not load</span>" : ""
            out += "<tr><td><a href=\"\(HTML.escape(s.page))\">\(HTML.escape(s.title))</a>\(broken)</td>"
                + cell(s.verified, "verified") + cell(s.stale, "stale") + cell(s.failed + (s.chapter == nil ? 1 : 0), "error") + "</tr>\n"
        }
        out += "</tbody><tfoot><tr><th scope=\"row\">All chapters</th><td class=\"num\">\(v)</td><td class=\"num\">\(st)</td><td class=\"num\">\(f)</td></tr></tfoot></table>\n"
        out += "<h2 id=\"contents\">Contents</h2>\n<ol class=\"toc\">\n"
        for s in states {
            out += "<li><a href=\"\(HTML.escape(s.page))\">\(HTML.escape(s.title))</a>"
            let subs = s.sections.filter { $0.level == 2 }
            if !subs.isEmpty {
                out += "\n<ol class=\"sections\">\n"
                for sec in subs { out += "<li><a href=\"\(HTML.escape(s.page))#\(sec.id)\">\(HTML.escape(sec.title))</a></li>\n" }
                out += "</ol>\n"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n<p><a href=\"methods/index.html\">Every method</a> the book compiles, with the places it appears.</p>\n"
    }

    /// The table of contents beside every page: the chapters, the current one with its sections.
    static func sidebar(_ states: [ChapterState], current: Int?, root: String = "") -> String {
        var out = "<h2 class=\"sidebar-title\">Contents</h2>\n<ol class=\"side-toc\">\n"
        for (i, s) in states.enumerated() {
            let here = i == current
            out += "<li\(here ? " class=\"current\"" : "")><a href=\"\(root)\(HTML.escape(s.page))\"\(here ? " aria-current=\"page\"" : "")>\(HTML.escape(s.title))</a>"
            if here {
                let subs = s.sections.filter { $0.level == 2 }
                if !subs.isEmpty {
                    out += "\n<ol>\n"
                    for sec in subs { out += "<li><a href=\"#\(sec.id)\">\(HTML.escape(sec.title))</a></li>\n" }
                    out += "</ol>\n"
                }
            }
            out += "</li>\n"
        }
        return out + "</ol>\n"
    }

    /// Renders and writes the site to `outputDirectory`, copying the theme.
    public func render(to outputDirectory: URL) throws -> RenderReport {
        var report = RenderReport()
        let pages = try pages(report: &report)
        try write(pages, to: outputDirectory, report: &report)
        return report
    }

    /// Writes rendered pages (creating `methods/`) and copies the theme.
    public func write(_ pages: [Page], to outputDirectory: URL, report: inout RenderReport) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: outputDirectory.appendingPathComponent("methods"), withIntermediateDirectories: true)
            for page in pages {
                let url = outputDirectory.appendingPathComponent(page.path)
                let data = Data(page.html.utf8)
                // Unchanged pages keep their file (and time stamp): a re-render rewrites only what moved.
                if (try? Data(contentsOf: url)) != data { try data.write(to: url) }
                report.pages.append(page.path)
            }
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: outputDirectory.path, line: 1, column: 1),
                             "cannot write the site: \(error.localizedDescription)")
        }
        try copyTheme(to: outputDirectory.appendingPathComponent("theme"), report: &report)
    }

    func copyTheme(to dest: URL, report: inout RenderReport) throws {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: themeDirectory.path).sorted()
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: book.displayPath(themeDirectory), line: 1, column: 1),
                             "cannot read the theme directory")
        }
        do {
            try fm.createDirectory(at: dest, withIntermediateDirectories: true)
            for name in names where !name.hasPrefix(".") {
                let target = dest.appendingPathComponent(name)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.copyItem(at: themeDirectory.appendingPathComponent(name), to: target)
                report.pages.append("theme/\(name)")
            }
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: dest.path, line: 1, column: 1),
                             "cannot copy the theme: \(error.localizedDescription)")
        }
    }
}
