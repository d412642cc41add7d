import Execution
import Foundation
import IL
import JIT
import Testing

/// Floating-point programs (arithmetic, NaN compares, conversions and their saturation, fields,
/// arrays, boxes, formatting, `ckfinite`) run on both targets, optimized and with MinOpts: the
/// transcript must equal the committed `.expected` (see FloatPrograms/README.md for the lines
/// where mono is not .NET's reference).
@Suite struct FloatProgramTests {
    static let corpus = ProgramCorpus("FloatPrograms")

    struct Case: CustomTestStringConvertible, Sendable {
        let program: ProgramCorpus.Case
        let minOpts: Bool
        var testDescription: String { program.testDescription + (minOpts ? " MinOpts" : "") }
    }

    static let cases: [Case] = corpus.cases.flatMap { k in [false, true].map { Case(program: k, minOpts: $0) } }

    @Test func corpusIsComplete() throws {
        #expect(Self.corpus.names.count >= 6)
        for n in Self.corpus.names {
            #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, "expected")), "\(n).expected is missing")
        }
    }

    @Test(arguments: cases)
    func runsLikeDotNet(_ k: Case) throws {
        var config = JitConfig()
        if k.minOpts { try config.set("JitMinOpts", "1", at: .synthetic("FloatProgramTests")) }
        let (r, expected) = try Self.corpus.run(k.program.name, on: k.program.arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
