import Execution
import Foundation
import IL
import JIT
import Testing

/// Runtime async programs written in IL against [System.Runtime] (as dotnet/runtime's src/tests/async
/// IL tests are; mcs cannot emit `cil managed async`), each with a C# twin in a comment, run on both
/// targets: the transcript must equal the committed `.expected`. They really suspend and resume:
/// Task.Yield in loops, recursive fibonacci, awaits three frames deep, ValueTask, ConfigureAwait(false),
/// AsyncLocal, a SynchronizationContext that records its posts, blocking waits, a deadlock.
@Suite struct AsyncProgramTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("AsyncPrograms")

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
        #expect(Self.names.filter { !$0.hasPrefix("showcase_") }.count >= 20)
        #expect(Self.names.filter { $0.hasPrefix("showcase_") }.count >= 3)
        for n in Self.names {
            #expect(FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent("\(n).expected").path),
                    "\(n).expected is missing")
            let il = try String(contentsOf: Self.directory.appendingPathComponent("\(n).il"), encoding: .utf8)
            #expect(il.contains("cil managed async") || n == "deadlock", "\(n) has no async method")
        }
    }

    @Test(arguments: cases)
    func runsAsExpected(_ k: Case) throws {
        let il = try String(contentsOf: Self.directory.appendingPathComponent("\(k.name).il"), encoding: .utf8)
        let expected = try String(contentsOf: Self.directory.appendingPathComponent("\(k.name).expected"), encoding: .utf8)
        let module = try ILParser.parse(il, file: "\(k.name).il")
        let r = try Runner.run(module: module, arch: k.arch, timeout: 30)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
