import Foundation
import Diagnostics

/// What `jitbook test` found: the lines to print, the chapter errors, and the counts.
public struct TestRunReport: Sendable {
    /// Stdout: one status line per example (plus the report of each failure), then `N passed, N failed`.
    public var log: String
    /// Chapters that could not be parsed; each counts as one failure.
    public var errors: [Diagnostic]
    public var passed: Int
    public var failed: Int
}

/// `jitbook test`: verify every example of the chosen chapters.
///
/// Chapters are verified in parallel (one JIT engine, whose caches are keyed per chapter, so
/// no two chapters share a compilation) and reported in order. With a `PassCache`, a chapter
/// whose bytes and engine are those of an earlier all-passing run is not verified again.
public struct BookTest {
    public var book: Book
    public var engine: any ExampleEngine
    /// Chapters that passed before (nil: verify everything).
    public var cache: PassCache?

    public init(book: Book, engine: any ExampleEngine, cache: PassCache? = nil) {
        self.book = book
        self.engine = engine
        self.cache = cache
    }

    /// What one chapter gave: its results, or its parse errors, or its cached status lines.
    private enum ChapterRun {
        case verified([ExampleResult])
        case unreadable([Diagnostic])
        case cached(log: String, passed: Int)
    }

    /// Runs the chapters named on the command line (all chapters when empty).
    public func run(chapters arguments: [String]) throws -> TestRunReport {
        let urls = try book.resolve(arguments)
        let runs = ParallelMap.map(urls) { url in runChapter(url) }
        var report = TestRunReport(log: "", errors: [], passed: 0, failed: 0)
        var shown = Set<Diagnostic>()
        for (url, run) in zip(urls, runs) {
            switch run {
            case .unreadable(let diagnostics):
                report.errors += diagnostics
                report.log += "FAIL \(book.displayPath(url)): chapter has errors\n"
                report.failed += 1
            case .cached(let log, let passed):
                report.log += log
                report.passed += passed
            case .verified(let results):
                for result in results {
                    report.log += result.statusLine + "\n" + result.report(shown: &shown)
                    if result.passed { report.passed += 1 } else { report.failed += 1 }
                }
            }
        }
        report.log += "\(report.passed) passed, \(report.failed) failed\n"
        return report
    }

    private func runChapter(_ url: URL) -> ChapterRun {
        let path = book.displayPath(url)
        let bytes = try? Data(contentsOf: url)
        if let cache, let bytes, let log = cache.lookup(path: path, text: bytes) {
            return .cached(log: log, passed: log.split(separator: "\n").count)
        }
        let chapter: Chapter
        do {
            chapter = try book.load(url)
        } catch {
            return .unreadable(error.diagnostics(defaultLocation: SourceLocation(file: path, line: 1, column: 1)))
        }
        let results = Verifier(engine: engine).verify(chapter)
        if let cache, let bytes, results.allSatisfy(\.passed) {
            cache.store(path: path, text: bytes, log: results.map { $0.statusLine + "\n" }.joined())
        }
        return .verified(results)
    }
}

/// `map` over all cores, results in input order.
///
/// Chapters are independent (each has its own modules and compilations), so verifying them is
/// the unit of parallel work: `jitbook test` and the site's renderer both map over chapters.
public enum ParallelMap {
    public static func map<T, R>(_ items: [T], _ body: (T) -> R) -> [R] {
        withoutActuallyEscaping(body) { body in
            let slots = Slots(items, body)
            DispatchQueue.concurrentPerform(iterations: items.count) { slots.run($0) }
            return slots.results.map { $0! }
        }
    }

    /// The inputs, the work and the results of one map, shared by its threads (each writes its own slot).
    private final class Slots<T, R>: @unchecked Sendable {
        let items: [T]
        let body: (T) -> R
        var results: [R?]
        let lock = NSLock()

        init(_ items: [T], _ body: @escaping (T) -> R) {
            self.items = items
            self.body = body
            results = Array(repeating: nil, count: items.count)
        }

        func run(_ i: Int) {
            let r = body(items[i])
            lock.withLock { results[i] = r }
        }
    }
}

/// What `jitbook bless` did.
public struct BlessRunReport: Sendable {
    /// Stdout: each stale block with its diff, each failure, then a summary line.
    public var log: String
    public var errors: [Diagnostic]
    /// True when some block was stale (and, unless checking, was rewritten).
    public var anyStale: Bool
    /// True when some example failed with an error or a chapter did not parse.
    public var anyFailed: Bool
}

/// `jitbook bless [--check]`: rewrite stale expected blocks, or only report them.
public struct BookBless {
    public var book: Book
    public var engine: any ExampleEngine

    public init(book: Book, engine: any ExampleEngine) {
        self.book = book
        self.engine = engine
    }

    /// Blesses the chapters named (all when empty); with `check` nothing is written.
    public func run(chapters arguments: [String], check: Bool) throws -> BlessRunReport {
        var report = BlessRunReport(log: "", errors: [], anyStale: false, anyFailed: false)
        var staleCount = 0
        var failedCount = 0
        let blesser = Blesser(engine: engine)
        var shown = Set<Diagnostic>()
        for url in try book.resolve(arguments) {
            let chapter: Chapter
            do {
                chapter = try book.load(url)
            } catch {
                report.errors += error.diagnostics(defaultLocation: SourceLocation(file: book.displayPath(url), line: 1, column: 1))
                report.anyFailed = true
                failedCount += 1
                continue
            }
            let result = blesser.bless(chapter)
            for change in result.changes {
                report.log += (check ? "stale " : "blessed ") + "\(change.example.origin) \(change.example.label)\n" + change.diff
            }
            for failure in result.failures {
                report.log += failure.statusLine + "\n" + failure.report(shown: &shown)
            }
            staleCount += result.changes.count
            failedCount += result.failures.count
            if result.isStale && !check {
                // Temporary file and rename: an interrupted bless never leaves a half-written chapter.
                try AtomicFile.write(Data(result.newSource.utf8), to: url, displayPath: chapter.path)
            }
        }
        report.anyStale = staleCount > 0
        report.anyFailed = report.anyFailed || failedCount > 0
        report.log += "\(staleCount) \(check ? "stale" : "blessed"), \(failedCount) failed\n"
        return report
    }
}
