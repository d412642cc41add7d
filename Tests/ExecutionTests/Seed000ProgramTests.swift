import Execution
import Foundation
import IL
import JIT
import Testing

/// Seed 000's program and its variants (AsyncPrograms/seed000_*.il), run with the class profile their
/// `// profile:` line names, with the inlining of async callable thunks on and off, on both targets:
/// every run must print the committed `.expected` transcript.
@Suite struct Seed000ProgramTests {
    static let corpus = AsyncProgramTests.corpus

    static let names: [String] = AsyncProgramTests.names.filter { $0.hasPrefix("seed000_") }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arch: Arch
        let thunks: Bool
        var testDescription: String { "\(name) \(arch.rawValue) JitInlineAsyncThunks=\(thunks ? 1 : 0)" }
    }

    static let cases = names.flatMap { n in Arch.allCases.flatMap { a in [true, false].map { Case(name: n, arch: a, thunks: $0) } } }

    @Test func theSeedAndTheCheckersVariantsAreThere() {
        for n in ["seed000_program", "seed000_incomplete", "seed000_task_override", "seed000_unseen_class", "seed000_sync_context"] {
            #expect(Self.names.contains(n), "\(n).il is missing")
        }
    }

    @Test(arguments: cases)
    func runsAsExpected(_ k: Case) throws {
        let il = try Self.corpus.text(k.name, "il")
        let profileLine = il.split(separator: "\n").first { $0.hasPrefix("// profile: ") }
        let profile = try #require(profileLine.map { String($0.dropFirst("// profile: ".count)) })
        var config = JitConfig()
        try config.set("JitInlineAsyncThunks", k.thunks ? "1" : "0", at: .synthetic("test"))
        config.classProfile = ClassProfileData(entries: [.init(ilOffset: nil, className: profile, percent: 100)])
        let (r, expected) = try Self.corpus.run(k.name, on: k.arch, config: config)
        #expect(r.transcript == expected, "stderr: \(r.stderr)")
    }
}
