import Diagnostics
import Foundation
import Testing
@testable import Workbook

/// A hole with nested quantifiers backtracks exponentially on a line that almost matches; the match is
/// cut off after `ExpectedText.matchTimeLimit` and the example fails at the hole's line instead of hanging.
@Suite struct SlowHoleTests {
    static let almost = String(repeating: "a", count: 64) + "!"

    @Test func slowHoleIsCutOffAndRemembered() throws {
        let expected = try ExpectedText("{{(a+)+}}\nG_M{{\\d+}}_IG01:\n", file: "chapters/x.md", firstLine: 5)
        // CPU time of this thread, as the limit is: wall-clock time depends on the machine's load.
        let start = ExpectedText.threadCPUTime()
        #expect(!expected.matches(line: 0, Self.almost))
        #expect(ExpectedText.threadCPUTime() - start < ExpectedText.matchTimeLimit + 1)
        #expect(expected.slowLine == 0)
        let again = ExpectedText.threadCPUTime()
        #expect(!expected.matches(line: 0, "aaa"))
        #expect(ExpectedText.threadCPUTime() - again < 0.1)
        // The expectation fails anyway: no more time is spent on its other holes.
        #expect(!expected.matches(line: 1, "G_M1234_IG01:"))
        let fresh = try ExpectedText("G_M{{\\d+}}_IG01:\n", file: "chapters/x.md", firstLine: 5)
        #expect(fresh.matches(line: 0, "G_M1234_IG01:"))
    }

    /// The fuzzer's shorter limit (`timeLimit:`) cuts the same hole off long before the default one would.
    @Test func theLimitIsPerExpectation() throws {
        let expected = try ExpectedText("{{(a+)+}}\n", file: "chapters/x.md", firstLine: 5, timeLimit: 0.02)
        #expect(expected.timeLimit == 0.02)
        let start = ExpectedText.threadCPUTime()
        #expect(!expected.matches(line: 0, Self.almost))
        #expect(ExpectedText.threadCPUTime() - start < ExpectedText.matchTimeLimit)
        #expect(expected.slowLine == 0)
    }

    @Test func exampleWithASlowHoleFailsAtTheHoleLine() throws {
        let text = "```il\nIL\n```\n\n```asm x64 P::M\nmov eax, 1\n{{(a+)+}}\n```\n"
        let chapter = try Chapter(source: text, path: "chapters/07-slow.md")
        let engine = FakeEngine(outputs: ["asm x64 P::M": "mov eax, 1\n\(Self.almost)\n"])
        let start = ContinuousClock.now
        let result = Verifier(engine: engine).verify(chapter.examples[0], in: chapter)
        #expect(ContinuousClock.now - start < .seconds(10))
        guard case .failed(let d) = result.outcome else {
            Issue.record("expected a failure, got \(result.outcome)")
            return
        }
        #expect(d.map(\.description) == ["chapters/07-slow.md:7:1: error: the {{regex}} hole on this line took over 0.5 s "
                                         + "to match an actual line (nested quantifiers such as (a+)+ backtrack exponentially); simplify it"])
        // Not blessed either: the hole is the author's to fix.
        #expect(!Blesser(engine: engine).bless(chapter).isStale)
    }

    @Test func ordinaryHolesStillMatchQuickly() throws {
        let expected = try ExpectedText("G_M{{[0-9]+}}_IG{{\\d\\d}}: {{.*}}\n", file: "c.md", firstLine: 1)
        #expect(expected.matches(["G_M32752_IG01: ;; offset=0x0000"]))
        #expect(!expected.matches(["G_M32752_IGxx: ;; offset=0x0000"]))
        #expect(expected.slowLine == nil)
    }
}
