import Diagnostics

/// One rewritten block: which example, its old and new body, and the diff between them.
public struct BlessChange: Sendable {
    public var example: Example
    public var oldBody: String
    public var newBody: String
    /// Unified diff of the old body against the new one.
    public var diff: String
}

/// What blessing one chapter found and the chapter's new text.
public struct BlessResult: Sendable {
    public var chapter: Chapter
    /// Stale blocks, rewritten in `newSource`.
    public var changes: [BlessChange]
    /// Examples that failed with an error: reported, not blessed.
    public var failures: [ExampleResult]
    /// The chapter text with stale bodies replaced; equal to the original when nothing was stale.
    public var newSource: String

    /// True when at least one block was stale.
    public var isStale: Bool { !changes.isEmpty }
}

/// Rewrites the bodies of stale expected blocks in place, keeping every other byte.
///
/// Only the lines strictly between a block's fences change. New lines get the
/// line ending of the block's opening fence line (so a CRLF file stays CRLF) and
/// the block's fence indent; a block whose `{{regex}}` holes still match is not stale.
public struct Blesser {
    public var engine: any ExampleEngine

    public init(engine: any ExampleEngine) { self.engine = engine }

    /// Verifies every example of `chapter` and computes the blessed text.
    public func bless(_ chapter: Chapter) -> BlessResult {
        let verifier = Verifier(engine: engine)
        var changes: [BlessChange] = []
        var failures: [ExampleResult] = []
        var replacements: [Int: [String]] = [:]
        for example in chapter.examples {
            let result = verifier.verify(example, in: chapter)
            switch result.outcome {
            case .passed:
                continue
            case .failed:
                failures.append(result)
            case .stale(let actual, _):
                let block = chapter.blocks[example.blockIndex]
                let newLines = textLines(actual)
                if let bad = newLines.firstIndex(where: { Fence(opening: block.fence)?.isClosing($0) ?? false }) {
                    let d = Diagnostic(.chapter, at: example.location,
                                       "actual line \(bad + 1) would close the \(block.fence) fence; use a longer fence")
                    failures.append(ExampleResult(example: example, outcome: .failed([d])))
                    continue
                }
                if let bad = Blesser.lineReadAsHole(newLines, example: example) {
                    let d = Diagnostic(.chapter, at: example.location,
                                       "actual line \(bad + 1) contains '{{', which would be read as a hole; "
                                       + "the block cannot be blessed (write it by hand with a hole matching the text)")
                    failures.append(ExampleResult(example: example, outcome: .failed([d])))
                    continue
                }
                replacements[block.index] = newLines
                let diff = UnifiedDiff.render(expected: textLines(block.body), actual: newLines)
                changes.append(BlessChange(example: example, oldBody: block.body,
                                           newBody: newLines.map { $0 + "\n" }.joined(), diff: diff))
            }
        }
        let newSource = replacements.isEmpty ? chapter.source : Blesser.rewrite(chapter, bodies: replacements)
        return BlessResult(chapter: chapter, changes: changes, failures: failures, newSource: newSource)
    }

    /// The first actual line with `{{` when the blessed body would not match the actual text again.
    ///
    /// Expected lines treat `{{...}}` as a hole, so output that contains `{{` read back as an
    /// expectation could be stale right after bless (or fail to compile as a regex).
    static func lineReadAsHole(_ lines: [String], example: Example) -> Int? {
        guard let first = lines.firstIndex(where: { $0.contains("{{") }) else { return nil }
        let body = lines.map { $0 + "\n" }.joined()
        guard let reread = try? ExpectedText(body, file: example.file, firstLine: example.line + 1) else { return first }
        return lines.indices.first { !reread.matches(line: $0, lines[$0]) }
    }

    /// The chapter text with the bodies of the given blocks (by block index) replaced.
    public static func rewrite(_ chapter: Chapter, bodies: [Int: [String]]) -> String {
        var out: [SourceLine] = []
        var lineNo = 1
        let lines = chapter.lines
        for block in chapter.blocks {
            guard let newBody = bodies[block.index] else { continue }
            while lineNo <= block.fenceLine, lineNo <= lines.count {
                out.append(lines[lineNo - 1])
                lineNo += 1
            }
            let ending = lines[block.fenceLine - 1].ending.isEmpty ? "\n" : lines[block.fenceLine - 1].ending
            let pad = String(repeating: " ", count: block.indent)
            for text in newBody {
                out.append(SourceLine(text: text.isEmpty ? "" : pad + text, ending: ending))
            }
            lineNo = block.closeLine
        }
        while lineNo <= lines.count {
            out.append(lines[lineNo - 1])
            lineNo += 1
        }
        return SourceLine.join(out)
    }
}
