import ArgumentParser
import Foundation
import Serve
import Site
import Workbook
import Bench

/// One benchmark of `jitbook bench`: a name, what it times, and how to take one sample.
///
/// Add a benchmark by adding a type to `BenchCommand.measures`: `prepare` runs once (untimed)
/// on a private copy of the book, `sample` returns the seconds one iteration took.
protocol BenchMeasure {
    /// `rerender.prose`: dotted, stable (the JSON key).
    var name: String { get }
    /// One line for the table.
    var summary: String { get }
    /// A target in milliseconds, if the measure has one.
    var targetMilliseconds: Double? { get }
    mutating func prepare(_ bench: BenchContext) throws
    mutating func sample(_ bench: BenchContext, iteration: Int) throws -> Double
}

/// What the measures share: a scratch copy of the book and the chapter they edit.
struct BenchContext {
    /// The copy's root (chapters/ and site/theme/ copied from the real book).
    var root: URL
    var book: Book { Book(root: root) }
    /// The chapter the edit measures change.
    var chapter: URL

    /// Appends `line` to the chapter file (an edit the watcher sees).
    func append(_ line: String) throws {
        let h = try FileHandle(forWritingTo: chapter)
        defer { try? h.close() }
        try h.seekToEnd()
        try h.write(contentsOf: Data(line.utf8))
    }

    /// A live site of the copy, every chapter verified once (the state `jitbook serve` starts from).
    func liveSite() throws -> LiveSite {
        let s = LiveSite(renderer: SiteRenderer(book: book, engine: JITEngine()))
        try s.refresh()
        return s
    }

    /// Refreshes `site` after an edit and returns its seconds; exactly the edited chapter must be re-verified.
    func refreshOne(_ site: LiveSite?, _ measure: String) throws -> Double {
        guard let site else { throw ValidationError("\(measure): not prepared") }
        let r = try site.refresh()
        guard r.reverified.count == 1 else { throw ValidationError("\(measure): expected one chapter re-verified, got \(r.reverified)") }
        return r.seconds
    }

    /// Rewrites the chapter with `transform` applied.
    func edit(_ transform: (String) -> String) throws {
        let text = try String(contentsOf: chapter, encoding: .utf8)
        try Data(transform(text).utf8).write(to: chapter)
    }
}

/// A prose edit of one chapter, then `LiveSite.refresh()`: what `jitbook serve` does per save.
/// The chapter's IL is unchanged, so its compilations and runs come from the engine's caches.
struct RerenderProse: BenchMeasure {
    let name = "rerender.prose"
    let summary = "serve: prose edit, re-verify that chapter, rebuild every page"
    let targetMilliseconds: Double? = 100
    var site: LiveSite?

    mutating func prepare(_ bench: BenchContext) throws { site = try bench.liveSite() }

    mutating func sample(_ bench: BenchContext, iteration: Int) throws -> Double {
        try bench.append("\nA sentence added by jitbook bench (\(iteration)).\n")
        return try bench.refreshOne(site, name)
    }
}

/// An IL edit of one chapter (a comment in its last `il` block), then `LiveSite.refresh()`: every
/// listing and dump of the chapter is compiled again and its `run` blocks run again (arm64 under qemu).
struct RerenderIL: BenchMeasure {
    let name = "rerender.il"
    let summary = "serve: IL edit, recompile and rerun that chapter, rebuild every page"
    let targetMilliseconds: Double? = nil
    var site: LiveSite?

    mutating func prepare(_ bench: BenchContext) throws { site = try bench.liveSite() }

    mutating func sample(_ bench: BenchContext, iteration: Int) throws -> Double {
        var found = false
        try bench.edit { text in
            // The first line of the last `il` block gets a comment naming the iteration.
            guard let fence = text.range(of: "```il", options: .backwards),
                  let eol = text[fence.upperBound...].firstIndex(of: "\n") else { return text }
            found = true
            return String(text[...eol]) + "// jitbook bench \(iteration)\n" + String(text[text.index(after: eol)...])
        }
        guard found else { throw ValidationError("\(name): the chapter has no il block") }
        return try bench.refreshOne(site, name)
    }
}

/// Every page of the site built from chapters already verified (no JIT at all): the renderer's own cost.
struct RenderPages: BenchMeasure {
    let name = "render.pages"
    let summary = "render every page from verified chapters (no verification)"
    let targetMilliseconds: Double? = nil
    var states: [ChapterState] = []

    mutating func prepare(_ bench: BenchContext) throws {
        states = try SiteRenderer(book: bench.book, engine: JITEngine()).states()
    }

    mutating func sample(_ bench: BenchContext, iteration: Int) throws -> Double {
        let start = Date()
        var report = RenderReport()
        let pages = SiteRenderer(book: bench.book, engine: JITEngine()).pages(from: states, report: &report)
        guard !pages.isEmpty else { throw ValidationError("\(name): no pages") }
        return Date().timeIntervalSince(start)
    }
}


/// The `serve` group of `jitbook bench`: re-render timings on a scratch copy of the book.
enum ServeBench {
    static func measures() -> [any BenchMeasure] { [RerenderProse(), RerenderIL(), RenderPages()] }

    /// Runs each measure `iterations` times on a copy of `book` editing `chapter` (default: the last);
    /// one row per measure, its median in milliseconds.
    static func rows(book: Book, iterations: Int, chapter: String?) throws -> [BenchRow] {
        let chosen = try chapter.map { try book.resolve([$0]) } ?? book.chapterFiles()
        guard let source = chosen.last else { throw ValidationError("no chapters to measure in \(book.displayPath(book.root))") }
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("jitbook-bench-\(getpid())")
        try? fm.removeItem(at: scratch)
        try fm.createDirectory(at: scratch.appendingPathComponent("site"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        try fm.copyItem(at: book.root.appendingPathComponent("chapters"), to: scratch.appendingPathComponent("chapters"))
        try fm.copyItem(at: book.root.appendingPathComponent("site/theme"), to: scratch.appendingPathComponent("site/theme"))
        let context = BenchContext(root: scratch, chapter: scratch.appendingPathComponent("chapters/\(source.lastPathComponent)"))
        var rows: [BenchRow] = []
        for var m in measures() {
            try m.prepare(context)
            var samples: [Double] = []
            for i in 0..<iterations { samples.append(try m.sample(context, iteration: i) * 1000) }
            let sorted = samples.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            let verdict = m.targetMilliseconds.map { median <= $0 ? "target < \(Int($0)) ms met" : "target < \(Int($0)) ms MISSED" }
            rows.append(BenchRow(group: "serve", name: "\(m.name) (\(source.lastPathComponent))", value: median, unit: "ms",
                                 note: "\(m.summary); median of \(iterations), min \(BenchReport.number(sorted[0])), "
                                     + "max \(BenchReport.number(sorted[sorted.count - 1]))" + (verdict.map { "; \($0)" } ?? "")))
        }
        return rows
    }
}
