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

    static let cases = corpus.casesWithMinOpts

    @Test func corpusIsComplete() throws {
        #expect(Self.corpus.names.count >= 6)
        for n in Self.corpus.names {
            #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, "expected")), "\(n).expected is missing")
        }
    }

    @Test(arguments: cases)
    func runsLikeDotNet(_ k: ProgramCorpus.OptCase) throws {
        let (r, expected) = try Self.corpus.run(k)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
