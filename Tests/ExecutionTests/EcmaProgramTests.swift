import Execution
import Foundation
import IL
import JIT
import Testing

/// Issue 14's second part, run: C# programs with unsafe blocks (stackalloc, pointers, `volatile`
/// fields, `sizeof`), typed references (`__makeref`, `__refvalue`) and generic virtual methods
/// (class and interface, explicit implementations, base calls, delegates), compiled by mcs and
/// disassembled by monodis, plus hand-written IL for `cpblk`, `initblk`, `localloc`, the prefixes,
/// `calli` and addresses computed inside a local; on both targets, optimized and with MinOpts. The
/// expected transcripts are mono's.
@Suite struct EcmaProgramTests {
    static let corpus = ProgramCorpus("EcmaPrograms")

    static let cases = corpus.casesWithMinOpts

    @Test func corpusIsComplete() {
        #expect(Self.corpus.names.count >= 5)
        for n in Self.corpus.names {
            #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, "expected")), "\(n).expected is missing")
        }
    }

    @Test(arguments: cases)
    func runsLikeMono(_ k: ProgramCorpus.OptCase) throws {
        let (r, expected) = try Self.corpus.run(k)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
