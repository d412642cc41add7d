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

    /// True when every example verified: `render` exits 1 otherwise (after writing the site).
    public var isClean: Bool { stale == 0 && failed == 0 && errors.isEmpty }
}

/// Renders the book to static HTML, verifying every example live through an engine.
///
/// Writes `index.html` (title and table of contents from each chapter's first
/// `#` heading), one `NN-slug.html` per chapter, and copies the theme
/// (`site/theme/*`) to `theme/`. Stale listings still render, with a badge
/// and the diff, so a reader sees exactly what drifted.
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

    /// Renders every page in memory.
    public func pages(report: inout RenderReport) throws -> [Page] {
        var entries: [(url: URL, chapter: Chapter?, errors: [Diagnostic])] = []
        for url in try book.chapterFiles() {
            do {
                entries.append((url, try book.load(url), []))
            } catch {
                let loc = SourceLocation(file: book.displayPath(url), line: 1, column: 1)
                entries.append((url, nil, error.diagnostics(defaultLocation: loc)))
            }
        }
        func stem(_ url: URL) -> String { url.deletingPathExtension().lastPathComponent }
        func title(_ i: Int) -> String { entries[i].chapter?.title ?? stem(entries[i].url) }
        func link(_ i: Int) -> PageLink { PageLink(href: stem(entries[i].url) + ".html", title: title(i)) }

        var pages: [Page] = []
        var toc = "<h1>jitbook</h1>\n<p class=\"lede\">A literate workbook about how a .NET-style JIT compiles runtime-async code. "
            + "Every listing below is checked against the model JIT when the site is built.</p>\n"
        if entries.isEmpty {
            toc += "<p>No chapters yet.</p>\n"
        } else {
            toc += "<ol class=\"toc\">\n"
            for i in entries.indices {
                toc += "<li><a href=\"\(HTML.escape(link(i).href))\">\(HTML.escape(title(i)))</a></li>\n"
            }
            toc += "</ol>\n"
        }
        pages.append(Page(path: "index.html", html: PageTemplate.page(title: PageTemplate.siteTitle, body: toc)))

        let verifier = Verifier(engine: engine)
        for i in entries.indices {
            let prev = i > 0 ? link(i - 1) : nil
            let next = i + 1 < entries.count ? link(i + 1) : nil
            var body: String
            if let chapter = entries[i].chapter {
                let results = verifier.verify(chapter)
                for r in results {
                    switch r.outcome {
                    case .passed:
                        report.verified += 1
                    case .stale:
                        report.stale += 1
                        report.warnings.append(Diagnostic(.chapter, at: SourceLocation(file: chapter.path, line: r.example.line, column: 1),
                                                          "stale \(r.example.label) (\(r.example.subject) differs)", severity: .warning))
                    case .failed(let diags):
                        report.failed += 1
                        // One runtime that cannot be built fails every run the same way: print it once.
                        report.errors += diags.filter { !report.errors.contains($0) }
                    }
                }
                body = ChapterPage(chapter: chapter, results: results).html()
            } else {
                report.errors += entries[i].errors
                body = "<article class=\"chapter\"><h1>\(HTML.escape(title(i)))</h1>\n<p>This chapter has errors:</p>\n"
                    + "<pre class=\"error-message\">\(HTML.escape(entries[i].errors.map(\.description).joined(separator: "\n")))</pre></article>\n"
            }
            pages.append(Page(path: link(i).href, html: PageTemplate.page(title: title(i), body: body, previous: prev, next: next)))
        }
        return pages
    }

    /// Renders and writes the site to `outputDirectory`, copying the theme.
    public func render(to outputDirectory: URL) throws -> RenderReport {
        var report = RenderReport()
        let pages = try pages(report: &report)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
            for page in pages {
                try Data(page.html.utf8).write(to: outputDirectory.appendingPathComponent(page.path))
                report.pages.append(page.path)
            }
        } catch {
            throw Diagnostic(.environment, at: SourceLocation(file: outputDirectory.path, line: 1, column: 1),
                             "cannot write the site: \(error.localizedDescription)")
        }
        try copyTheme(to: outputDirectory.appendingPathComponent("theme"), report: &report)
        return report
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
