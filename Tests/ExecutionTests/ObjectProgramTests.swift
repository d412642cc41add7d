import Execution
import Foundation
import IL
import JIT
import Testing

/// C# programs (classes, inheritance, virtual and interface calls, structs, generics, arrays,
/// strings, statics, exceptions) compiled by mcs and disassembled by monodis, run on both targets:
/// the transcript must equal the committed `.expected` (see ObjectPrograms/README.md).
@Suite struct ObjectProgramTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ObjectPrograms")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".il") }.map { String($0.dropLast(3)) }.sorted()
    }()

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arch: Arch
        var testDescription: String { "\(name) \(arch.rawValue)" }
    }

    static let cases = names.flatMap { n in Arch.allCases.map { Case(name: n, arch: $0) } }

    @Test func corpusIsComplete() throws {
        #expect(Self.names.count >= 25)
        for n in Self.names {
            for ext in ["cs", "expected"] {
                #expect(FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent("\(n).\(ext)").path),
                        "\(n).\(ext) is missing")
            }
        }
    }

    @Test(arguments: cases)
    func runsLikeMono(_ k: Case) throws {
        let il = try String(contentsOf: Self.directory.appendingPathComponent("\(k.name).il"), encoding: .utf8)
        let expected = try String(contentsOf: Self.directory.appendingPathComponent("\(k.name).expected"), encoding: .utf8)
        let module = try ILParser.parse(il, file: "\(k.name).il")
        let r = try Runner.run(module: module, arch: k.arch, timeout: 30)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
