import Diagnostics
import Execution
import Foundation
import IL
import JIT
import Testing
import Workbook

/// The differential corpus in `Corpus/`: small integer programs whose expected output came from mono.
///
/// Each program NAME has `NAME.il` (monodis output of `NAME.cs` compiled by mcs, or hand-written
/// ilasm) and `NAME.expected` (mono's stdout, then `exit N`). `scripts/corpus.sh` regenerates both;
/// this file only reads them. The corpus sits next to this source file and is found through
/// `#filePath`, so it needs no resource bundle.
enum Corpus {
    /// `Tests/ExecutionTests/Corpus`, next to this file.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Every program name (an `.il` file without its extension), sorted so test order is stable.
    static let programs: [String] = names(withExtension: "il")

    /// Names of the programs written in C# (they have a `.cs` next to their `.il`).
    static let csharpPrograms: Set<String> = Set(names(withExtension: "cs"))

    /// The path printed in diagnostics: relative to the package root, so editors can open it.
    static func displayPath(_ name: String, _ ext: String) -> String {
        "Tests/ExecutionTests/Corpus/\(name).\(ext)"
    }

    /// The text of `NAME.ext`, or nil when the file is missing or unreadable.
    static func text(_ name: String, _ ext: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
    }

    private static func names(withExtension ext: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".\(ext)") }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }
}

/// Runs every corpus program under jitbook on x64 (native) and arm64 (qemu) and compares the
/// transcript with what mono printed: mono is the reference implementation of the IL semantics.
@Suite("Differential corpus against mono")
struct DifferentialCorpusTests {
    /// The corpus has the promised size and shape, so a bad checkout cannot pass by running nothing.
    @Test func corpusIsComplete() {
        let programs = Corpus.programs
        let handWritten = programs.filter { !Corpus.csharpPrograms.contains($0) }
        #expect(programs.count >= 45, "only \(programs.count) programs in \(Corpus.directory.path)")
        #expect(Corpus.csharpPrograms.count >= 25, "only \(Corpus.csharpPrograms.count) C# programs")
        #expect(handWritten.count >= 20, "only \(handWritten.count) hand-written IL programs")
        for name in Corpus.csharpPrograms.sorted() {
            #expect(programs.contains(name), "\(name).cs has no \(name).il: run scripts/corpus.sh")
        }
        for name in programs {
            let expected = Corpus.text(name, "expected")
            #expect(expected != nil, "\(name).il has no \(name).expected: run scripts/corpus.sh")
            if let expected {
                let last = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
                #expect(expected.hasSuffix("\n") && last.hasPrefix("exit ") && Int(last.dropFirst(5)) != nil,
                        "\(name).expected must end with a line 'exit N'")
            }
        }
    }

    /// One program on one architecture: compile, run, and compare stdout + exit code with mono's.
    @Test(arguments: Corpus.programs, Arch.allCases)
    func matchesMono(_ program: String, _ arch: Arch) throws {
        let ilPath = Corpus.displayPath(program, "il")
        let source = try #require(Corpus.text(program, "il"), "cannot read \(ilPath)")
        let expected = try #require(Corpus.text(program, "expected"),
                                    "cannot read \(Corpus.displayPath(program, "expected"))")
        let module = try ILParser.parse(source, file: ilPath)

        let result: RunResult
        do {
            result = try Runner.run(module: module, arch: arch, timeout: 30)
        } catch {
            let lines = error.diagnostics(defaultLocation: .synthetic(ilPath)).map { "\($0)" }
            Issue.record("\(program) on \(arch.rawValue): the JIT rejected the program:\n\(lines.joined(separator: "\n"))")
            return
        }

        let diff = UnifiedDiff.render(expected: Self.lines(expected), actual: Self.lines(result.transcript))
        var report = "\(program) on \(arch.rawValue) differs from mono"
        if let fault = result.fault { report += " (fault: \(fault))" }
        report += ":\n\(diff)"
        if !result.stderr.isEmpty { report += "stderr:\n\(result.stderr)" }
        // A Bool, so a failure prints the report (with its diff) instead of both whole transcripts.
        let matchesMono = result.transcript == expected
        #expect(matchesMono, "\(report)")
    }

    /// Splits a transcript into lines, without the empty string after the final newline.
    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
