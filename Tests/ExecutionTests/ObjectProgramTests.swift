import Execution
import Foundation
import IL
import JIT
import Testing

/// C# programs (classes, inheritance, virtual and interface calls, structs, generics, arrays,
/// strings, statics, exceptions) compiled by mcs and disassembled by monodis, run on both targets:
/// the transcript must equal the committed `.expected` (see ObjectPrograms/README.md).
@Suite struct ObjectProgramTests {
    static let corpus = ProgramCorpus("ObjectPrograms")
    static let names = corpus.names
    static let cases = corpus.cases

    @Test func corpusIsComplete() throws {
        #expect(Self.names.count >= 25)
        for n in Self.names {
            for ext in ["cs", "expected"] {
                #expect(FileManager.default.fileExists(atPath: Self.corpus.path(n, ext)),
                        "\(n).\(ext) is missing")
            }
        }
    }

    @Test(arguments: cases)
    func runsLikeMono(_ k: ProgramCorpus.Case) throws {
        let (r, expected) = try Self.corpus.run(k.name, on: k.arch)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
