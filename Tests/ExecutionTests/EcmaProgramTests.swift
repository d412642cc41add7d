import Execution
import Foundation
import IL
import JIT
import Testing

/// Issue 14's second part, run: C# programs with unsafe blocks (stackalloc, pointers, `volatile`
/// fields, `sizeof`), typed references (`__makeref`, `__refvalue`) and generic virtual methods
/// (class and interface, explicit implementations, base calls, delegates), compiled by mcs and
/// disassembled by monodis, plus hand-written IL for `cpblk`, `initblk`, `localloc`, the prefixes
/// and `calli`; on both targets, optimized and with MinOpts. The expected transcripts are mono's.
@Suite struct EcmaProgramTests {
    static let corpus = ProgramCorpus("EcmaPrograms")

    struct Case: CustomTestStringConvertible, Sendable {
        let program: ProgramCorpus.Case
        let minOpts: Bool
        var testDescription: String { program.testDescription + (minOpts ? " MinOpts" : "") }
    }

    static let cases: [Case] = corpus.cases.flatMap { k in [false, true].map { Case(program: k, minOpts: $0) } }

    @Test func corpusIsComplete() {
        #expect(Self.corpus.names.count >= 5)
        for n in Self.corpus.names {
            #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, "expected")), "\(n).expected is missing")
        }
    }

    @Test(arguments: cases)
    func runsLikeMono(_ k: Case) throws {
        var config = JitConfig()
        if k.minOpts { try config.set("JitMinOpts", "1", at: .synthetic("EcmaProgramTests")) }
        let (r, expected) = try Self.corpus.run(k.program.name, on: k.program.arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
