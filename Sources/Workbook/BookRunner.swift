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
public struct BookTest {
    public var book: Book
    public var engine: any ExampleEngine

    public init(book: Book, engine: any ExampleEngine) {
        self.book = book
        self.engine = engine
    }

    /// Runs the chapters named on the command line (all chapters when empty).
    public func run(chapters arguments: [String]) throws -> TestRunReport {
        var report = TestRunReport(log: "", errors: [], passed: 0, failed: 0)
        let verifier = Verifier(engine: engine)
        var shown = Set<Diagnostic>()
        for url in try book.resolve(arguments) {
            let chapter: Chapter
            do {
                chapter = try book.load(url)
            } catch {
                let path = book.displayPath(url)
                report.errors += error.diagnostics(defaultLocation: SourceLocation(file: path, line: 1, column: 1))
                report.log += "FAIL \(path): chapter has errors\n"
                report.failed += 1
                continue
            }
            for result in verifier.verify(chapter) {
                report.log += result.statusLine + "\n" + result.report(shown: &shown)
                if result.passed { report.passed += 1 } else { report.failed += 1 }
            }
        }
        report.log += "\(report.passed) passed, \(report.failed) failed\n"
        return report
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
