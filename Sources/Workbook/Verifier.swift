import Diagnostics
import JIT

/// How one example fared.
public enum ExampleOutcome: Sendable {
    /// Actual text matches the expectation.
    case passed
    /// Actual text differs: the actual text and a unified diff of expected vs actual.
    case stale(actual: String, diff: String)
    /// The example could not be produced (IL error, compile error, unsupported feature).
    case failed([Diagnostic])
}

/// The result of checking one example, with the report `jitbook test` prints.
public struct ExampleResult: Sendable {
    public var example: Example
    public var outcome: ExampleOutcome
    /// For a passed `asm` or `ir` example: which IL its lines came from (the site's IL mapping).
    public var debugInfo: MethodDebugInfo?

    public init(example: Example, outcome: ExampleOutcome, debugInfo: MethodDebugInfo? = nil) {
        self.example = example
        self.outcome = outcome
        self.debugInfo = debugInfo
    }

    public var passed: Bool { if case .passed = outcome { true } else { false } }
    public var isStale: Bool { if case .stale = outcome { true } else { false } }

    /// `ok   chapters/02-x.md:41 asm x64 Program::Add` or `FAIL ...`.
    public var statusLine: String {
        (passed ? "ok   " : "FAIL ") + "\(example.origin) \(example.label)"
    }

    /// Empty when passed; otherwise `chapters/02-x.md:41: asm x64 Program::Add: listing differs` and the
    /// unified diff, or `...: failed` and the diagnostics.
    public var report: String {
        switch outcome {
        case .passed:
            return ""
        case .stale(_, let diff):
            return "\(example.origin): \(example.label): \(example.subject) differs\n" + diff
        case .failed(let diags):
            return "\(example.origin): \(example.label): failed\n"
                + diags.map { $0.description + "\n" }.joined()
        }
    }

    /// The report, with environment errors already printed for an earlier example cut to one reference.
    ///
    /// A missing tool or an unbuildable runtime fails every example of an architecture in the same
    /// way; the reader needs the diagnostic once, then a short line per example. `shown` collects
    /// the environment diagnostics printed so far.
    public func report(shown: inout Set<Diagnostic>) -> String {
        guard case .failed(let diags) = outcome else { return report }
        var text = "\(example.origin): \(example.label): failed\n"
        for d in diags {
            if d.kind == .environment && !shown.insert(d).inserted {
                text += "  (the same environment error as above: \(d.location))\n"
            } else {
                text += d.description + "\n"
            }
        }
        return text
    }
}

/// Checks examples against an engine.
public struct Verifier {
    public var engine: any ExampleEngine

    public init(engine: any ExampleEngine) { self.engine = engine }

    /// Checks one example.
    public func verify(_ example: Example, in chapter: Chapter) -> ExampleResult {
        let expectation: ExpectedText
        do {
            expectation = try ExpectedText(example.expected, file: example.file, firstLine: example.line + 1)
        } catch {
            return ExampleResult(example: example, outcome: .failed(error.diagnostics(defaultLocation: example.location)))
        }
        let actual: String
        do {
            actual = try engine.actual(for: example, in: chapter)
        } catch {
            return ExampleResult(example: example, outcome: .failed(error.diagnostics(defaultLocation: example.location)))
        }
        let actualLines = textLines(actual)
        if expectation.matches(actualLines) {
            return ExampleResult(example: example, outcome: .passed, debugInfo: engine.debugInfo(for: example, in: chapter))
        }
        // The diff matches more pairs of lines, so a slow hole may only show up here.
        let diff = expectation.diff(against: actualLines)
        if let slow = expectation.slowLine {
            let d = Diagnostic(.chapter, at: SourceLocation(file: example.file, line: example.line + 1 + slow, column: 1),
                               "the {{regex}} hole on this line took over \(expectation.timeLimit) s to match "
                               + "an actual line (nested quantifiers such as (a+)+ backtrack exponentially); simplify it")
            return ExampleResult(example: example, outcome: .failed([d]))
        }
        return ExampleResult(example: example, outcome: .stale(actual: actual, diff: diff))
    }

    /// Checks every example of a chapter, in document order.
    public func verify(_ chapter: Chapter) -> [ExampleResult] {
        chapter.examples.map { verify($0, in: chapter) }
    }
}
