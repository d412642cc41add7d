import Foundation
import Diagnostics

/// The expected text of an example, with optional `{{regex}}` holes.
///
/// By default a line must equal the actual line exactly. A line may contain
/// `{{regex}}` holes: the hole matches its regular expression, the rest of the
/// line is literal, and the whole line must match (anchored). Holes let a chapter
/// keep a listing stable across details it does not discuss. Matching is one
/// expected line per actual line.
public struct ExpectedText {
    /// The expected lines as written.
    public let lines: [String]
    /// One compiled pattern per line with holes; nil for exact lines.
    private let patterns: [NSRegularExpression?]
    /// Lines whose pattern went over the time limit.
    private let slow = SlowLines()

    /// Seconds of CPU time one hole line of this expectation may spend matching one actual line
    /// (`matchTimeLimit` unless the initializer was given another, as the fuzzer does).
    public let timeLimit: Double

    /// Compiles the holes of `text`; a bad hole is an error at its line (body starts on `firstLine`).
    /// `timeLimit`: seconds of CPU time a hole line may spend on one actual line.
    public init(_ text: String, file: String, firstLine: Int, timeLimit: Double = ExpectedText.matchTimeLimit) throws {
        self.timeLimit = timeLimit
        lines = textLines(text)
        var patterns: [NSRegularExpression?] = []
        for (i, line) in lines.enumerated() {
            let loc = SourceLocation(file: file, line: firstLine + i, column: 1)
            patterns.append(try ExpectedText.pattern(for: line, at: loc))
        }
        self.patterns = patterns
    }

    /// True when the expected text has at least one hole.
    public var hasHoles: Bool { patterns.contains { $0 != nil } }

    /// Seconds of CPU time one hole line may spend matching one actual line.
    ///
    /// Nested quantifiers (`{{(a+)+}}`) backtrack exponentially on a line that almost matches:
    /// without a limit `jitbook test` would hang on such a hole. Once a line goes over the limit,
    /// no hole line matches anything any more (the example fails anyway, so one limit bounds the
    /// whole expectation), and `slowLine` names the line so the example fails with a located
    /// error. CPU time of the matching thread, so a busy machine does not make a hole "slow".
    public static let matchTimeLimit = 0.5

    /// Index of the first expected line whose hole went over `matchTimeLimit`, if any.
    public var slowLine: Int? { slow.first }

    /// True when expected line `i` matches `actual`.
    public func matches(line i: Int, _ actual: String) -> Bool {
        guard i >= 0, i < lines.count else { return false }
        guard let re = patterns[i] else { return lines[i] == actual }
        if slow.first != nil { return false }
        let range = NSRange(actual.startIndex..<actual.endIndex, in: actual)
        let deadline = Self.threadCPUTime() + timeLimit
        var matched = false
        var timedOut = false
        // `.reportProgress` calls back during a long match, which is where the time limit is enforced.
        re.enumerateMatches(in: actual, options: [.anchored, .reportProgress], range: range) { m, _, stop in
            if let m {
                matched = m.range.location == 0 && m.range.length == range.length
                stop.pointee = true
            } else if Self.threadCPUTime() > deadline {
                timedOut = true
                stop.pointee = true
            }
        }
        if timedOut { slow.insert(i) }
        return matched
    }

    /// Seconds of CPU time the calling thread has used.
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// True when the actual lines match the expected lines one for one.
    public func matches(_ actual: [String]) -> Bool {
        guard actual.count == lines.count else { return false }
        return actual.indices.allSatisfy { matches(line: $0, actual[$0]) }
    }

    /// A unified diff of expected against actual; lines matched through holes count as equal.
    public func diff(against actual: [String]) -> String {
        UnifiedDiff.render(expected: lines, actual: actual) { matches(line: $0, actual[$1]) }
    }

    /// Builds `\A literal(?:hole)literal\z` for a line with holes, nil for a plain line.
    static func pattern(for line: String, at location: SourceLocation) throws -> NSRegularExpression? {
        // Two `{` bytes in a row first: Foundation's search costs more than the rest of a plain line's checks.
        guard line.utf8.adjacentPairsContain(0x7B), line.contains("{{") else { return nil }
        var pattern = "\\A"
        var rest = Substring(line)
        while let open = rest.range(of: "{{") {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open.lowerBound]))
            let after = rest[open.upperBound...]
            guard var close = after.range(of: "}}") else {
                throw Diagnostic(.chapter, at: location, "unterminated {{ hole: close it with }}")
            }
            // `{{[0-9]{4}}}`: the hole ends at the last two braces of a run of closing braces.
            while close.upperBound < after.endIndex, after[close.upperBound] == "}" {
                close = after.index(after: close.lowerBound)..<after.index(after: close.upperBound)
            }
            let hole = String(after[..<close.lowerBound])
            do {
                _ = try NSRegularExpression(pattern: hole)
            } catch {
                throw Diagnostic(.chapter, at: location, "invalid regular expression in hole {{\(hole)}}")
            }
            pattern += "(?:\(hole))"
            rest = after[close.upperBound...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "\\z"
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw Diagnostic(.chapter, at: location, "invalid regular expression in line with holes")
        }
    }
}

/// The set of expected lines whose hole was too slow: shared by the copies of one `ExpectedText`.
private final class SlowLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [Int] = []

    func insert(_ i: Int) { lock.withLock { if !lines.contains(i) { lines.append(i) } } }
    var first: Int? { lock.withLock { lines.min() } }
}

extension String.UTF8View {
    /// True when two consecutive bytes both equal `byte`.
    func adjacentPairsContain(_ byte: UInt8) -> Bool {
        var previous = false
        for b in self {
            if b == byte {
                if previous { return true }
                previous = true
            } else {
                previous = false
            }
        }
        return false
    }
}
