import Execution
import Foundation
import IL
import JIT
import Testing

/// A folder of IL programs (`NAME.il`) next to the test sources, each with its committed
/// `NAME.expected` transcript: the discovery and running the program suites share.
struct ProgramCorpus: Sendable {
    /// The folder, below Tests/ExecutionTests.
    let directory: URL

    init(_ folder: String) {
        directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(folder)
    }

    /// The programs' names (the `.il` files without their extension), sorted.
    var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".il") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// The path of one of a program's files.
    func path(_ name: String, _ ext: String) -> String {
        directory.appendingPathComponent("\(name).\(ext)").path
    }

    /// The text of one of a program's files.
    func text(_ name: String, _ ext: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
    }

    /// Parses and runs program `name` on `arch`; returns the run with the expected transcript.
    func run(_ name: String, on arch: Arch, config: JitConfig = JitConfig()) throws -> (result: RunResult, expected: String) {
        let il = try text(name, "il")
        let expected = try text(name, "expected")
        let module = try ILParser.parse(il, file: "\(name).il")
        return (try Runner.run(module: module, arch: arch, config: config, timeout: 30), expected)
    }

    /// One program on one target, as a test argument.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arch: Arch
        var testDescription: String { "\(name) \(arch.rawValue)" }
    }

    /// Every program on every target.
    var cases: [Case] { names.flatMap { n in Arch.allCases.map { Case(name: n, arch: $0) } } }

    /// One program on one target, optimized or with MinOpts.
    struct OptCase: CustomTestStringConvertible, Sendable {
        let program: Case
        let minOpts: Bool
        var testDescription: String { program.testDescription + (minOpts ? " MinOpts" : "") }
    }

    /// Every program on every target, optimized and with MinOpts.
    var casesWithMinOpts: [OptCase] { cases.flatMap { k in [false, true].map { OptCase(program: k, minOpts: $0) } } }

    /// Runs one case (`JitMinOpts=1` for its MinOpts half); returns the run with the expected transcript.
    func run(_ k: OptCase) throws -> (result: RunResult, expected: String) {
        var config = JitConfig()
        if k.minOpts { try config.set("JitMinOpts", "1", at: .synthetic("ProgramCorpus")) }
        return try run(k.program.name, on: k.program.arch, config: config)
    }
}
