import Diagnostics
import Execution
import Foundation
import IL
import JIT
import Runtime
import Workbook

/// What one execution of a target made of its input.
public struct FuzzOutcome: Sendable, Equatable {
    /// True when the input was valid for the target (parsed, verified, compiled).
    public var accepted: Bool
    /// Broken contracts: diagnostics not located in the input (`file:line:col` of the fuzzed
    /// file, line and column at least 1) or of kind `internalError` (a jitbook bug), and for the
    /// `differential` target, generated code whose output differs from the interpreter's.
    public var violations: [String]

    public init(accepted: Bool, violations: [String] = []) {
        self.accepted = accepted
        self.violations = violations
    }
}

/// One fuzz target: a name, where its seeds come from, the words its mutations use, and what it runs.
///
/// A target turns any byte string into either acceptance or located diagnostics; a Swift
/// trap (the process dies), a hang (over the time limit) or a violation is a finding.
public struct FuzzTarget: Sendable {
    public var name: String
    public var summary: String
    /// The file name diagnostics must point into.
    public var file: String
    public var dictionary: [String]
    /// The seed inputs found under a book root (chapters, the test corpora, `Tests/FuzzTests/Corpus/NAME/`).
    public var seeds: @Sendable (FuzzSeeds) -> [[UInt8]]
    /// Runs input `index` (the index picks, for example, the knob combination of the `jit` target).
    public var execute: @Sendable (_ input: [UInt8], _ index: UInt64) -> FuzzOutcome
    /// Seconds one input may take before it is a hang: 2, except where an input runs programs.
    public var hangLimit: Double = 2
}

extension FuzzTarget {
    /// Every target, in the order `jitbook fuzz` runs them.
    public static let all: [FuzzTarget] = [il, jit, infoString, expectation, holes, chapter, differential]

    /// The target of that name, if any.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// Checks diagnostics against the contract (see `FuzzOutcome.violations`).
    static func contractViolations(_ error: Error, file: String) -> [String] {
        error.diagnostics(defaultLocation: .synthetic("unlocated")).compactMap { d in
            if d.kind == .internalError { return "internal error: \(d)" }
            if d.location.file != file || d.location.line < 1 || d.location.column < 1 { return "not located in \(file): \(d)" }
            return nil
        }
    }

    /// Runs `body`; acceptance when it returns, located diagnostics when it throws.
    static func outcome(file: String, _ body: () throws -> Void) -> FuzzOutcome {
        do {
            try body()
            return FuzzOutcome(accepted: true)
        } catch {
            return FuzzOutcome(accepted: false, violations: contractViolations(error, file: file))
        }
    }

    /// The IL lexer, preprocessor, parser and verifier.
    public static let il = FuzzTarget(
        name: "il", summary: "IL lexer, preprocessor, parser and verifier", file: "fuzz.il",
        dictionary: FuzzDictionary.il, seeds: { $0.ilSources + $0.committed("il") },
        execute: { input, _ in
            outcome(file: "fuzz.il") {
                let module = try ILParser.parse(String(decoding: input, as: UTF8.self), file: "fuzz.il")
                try ILVerifier.verify(module)
            }
        })

    /// Knob combinations the `jit` target cycles through (input `i` uses combination `i % count`).
    public static let knobCombinations: [String] = [
        "", "JitMinOpts=1", "JitNoInline=1", "JitDoConstProp=0", "JitDoCopyProp=0", "JitDoDeadCode=0",
        "JitDoBranchFolding=0", "JitEnableGuardedDevirtualization=0", "JitInlineBudget=0;JitInlineAsyncThunks=0",
        "JitAsyncTailAwait=0;JitAsyncVersions=0", "JitAsyncContextHelpers=0", "JitInlineBudget=1000",
        "JitDoConstProp=0;JitDoCopyProp=0;JitDoDeadCode=0;JitDoBranchFolding=0",
    ]

    /// The whole JIT on IL that parses and verifies: every method (up to 24) on both
    /// architectures, with every phase dumped, under one knob combination per input, and the
    /// code image of the entry point (x64 for even inputs, arm64 for odd ones).
    public static let jit = FuzzTarget(
        name: "jit", summary: "the JIT on verified IL, x64 and arm64, all knob combinations", file: "fuzz.il",
        dictionary: FuzzDictionary.il,
        seeds: { $0.ilSources + $0.committed("jit") + (1...20).map { Array(ProgramGenerator().program(seed: $0).utf8) } },
        execute: { input, index in
            let module: IL.Module
            do {
                module = try ILParser.parse(String(decoding: input, as: UTF8.self), file: "fuzz.il")
                try ILVerifier.verify(module)
            } catch {
                return FuzzOutcome(accepted: false, violations: contractViolations(error, file: "fuzz.il"))
            }
            let config = (try? JitConfig(parsing: knobCombinations[Int(index % UInt64(knobCombinations.count))],
                                         at: .synthetic("fuzz"))) ?? JitConfig()
            let compiler = ModuleCompiler(module: module)
            var accepted = true
            var bad: [String] = []
            for selector in StandaloneJit.selectors(for: module).prefix(24) {
                for arch in Arch.allCases {
                    do {
                        _ = try compiler.compile(selector, arch: arch, config: config, dumps: Set(Phase.allCases),
                                                 location: SourceLocation(file: "fuzz.il", line: 1, column: 1))
                    } catch {
                        accepted = false
                        bad += contractViolations(error, file: "fuzz.il")
                    }
                }
            }
            // With an entry point: the code image too (everything reachable, method tables, relocations).
            if module.entryPoint != nil {
                do {
                    _ = try CodeImage.build(module: module, arch: index % 2 == 0 ? .x64 : .arm64, config: config)
                } catch {
                    accepted = false
                    bad += contractViolations(error, file: "fuzz.il")
                }
            }
            return FuzzOutcome(accepted: accepted, violations: bad)
        }, hangLimit: 10)  // up to 48 compilations with every dump and a code image: seconds in a debug build

    /// The info-string parser (first line of the input, as if after a fence).
    public static let infoString = FuzzTarget(
        name: "infostring", summary: "fenced-block info strings", file: "fuzz.md",
        dictionary: FuzzDictionary.info, seeds: { $0.infoStrings + $0.committed("infostring") },
        execute: { input, _ in
            let text = String(decoding: input, as: UTF8.self)
            let line = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            return outcome(file: "fuzz.md") { _ = try InfoStringParser.parse(line, file: "fuzz.md", line: 1, column: 4) }
        })

    /// Expected block bodies: compiled (holes and all) and matched against themselves and a mutated copy.
    public static let expectation = FuzzTarget(
        name: "expectation", summary: "expected block bodies and their matching and diffs", file: "fuzz.md",
        dictionary: FuzzDictionary.holes, seeds: { $0.expectedBodies + $0.committed("expectation") },
        execute: { input, _ in matchSelf(String(decoding: input, as: UTF8.self)) })

    /// Lines with `{{regex}}` holes, matched also against lines built to make backtracking slow.
    public static let holes = FuzzTarget(
        name: "holes", summary: "{{regex}} holes in expected lines", file: "fuzz.md",
        dictionary: FuzzDictionary.holes, seeds: { $0.holeLines + $0.committed("holes") },
        execute: { input, _ in matchSelf(String(decoding: input, as: UTF8.self), adversarial: true) })

    /// Seconds of CPU time a hole line may take on one actual line in the fuzzer: the limit is what is
    /// under test, not its length, and with `jitbook test`'s 0.5 s the few inputs with nested
    /// quantifiers (a dictionary word, the regression seeds) took most of a `holes` campaign's time.
    static let holeTimeLimit = 0.02

    /// Actual lines that make backtracking regular expressions slow: long runs of one character with a mismatch at the end.
    static let adversarialLines: [String] = ["a", " ", "0", "x", "-", ".", "\t"].map { String(repeating: $0, count: 64) + "!" }

    /// Compiles `text` as an expectation and matches it against its own lines with the holes'
    /// text removed and against a line-shifted copy, producing a diff.
    static func matchSelf(_ text: String, adversarial: Bool = false) -> FuzzOutcome {
        outcome(file: "fuzz.md") {
            let expected = try ExpectedText(text, file: "fuzz.md", firstLine: 2, timeLimit: holeTimeLimit)
            if adversarial {
                for i in expected.lines.indices.prefix(4) {
                    for line in adversarialLines { _ = expected.matches(line: i, line) }
                }
            }
            let plain = expected.lines.map { $0.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "") }
            _ = expected.matches(expected.lines)
            _ = expected.matches(plain)
            _ = expected.diff(against: Array(plain.dropFirst()) + ["extra"])
        }
    }

    /// The chapter model: libcmark, fences, info strings, IL modules and examples.
    public static let chapter = FuzzTarget(
        name: "chapter", summary: "the chapter model: Markdown, fences, blocks, examples", file: "fuzz.md",
        dictionary: FuzzDictionary.chapter, seeds: { $0.chapters + $0.committed("chapter") },
        execute: { input, _ in
            guard let text = String(validating: input, as: UTF8.self) else { return FuzzOutcome(accepted: false) }
            return outcome(file: "fuzz.md") {
                let chapter = try Chapter(source: text, path: "fuzz.md")
                for example in chapter.examples {
                    _ = try ExpectedText(example.expected, file: "fuzz.md", firstLine: example.line + 1)
                }
                // Blessing every block with its own body must keep a parseable chapter.
                var bodies: [Int: [String]] = [:]
                for block in chapter.blocks { bodies[block.index] = textLines(block.body) }
                _ = try Chapter(source: Blesser.rewrite(chapter, bodies: bodies), path: "fuzz.md")
            }
        })

    /// Random programs (`ProgramGenerator`, program N for input N) run by the JIT's code on x64, and
    /// on arm64 under qemu for every fourth input, under the knob combination of the `jit` target,
    /// against the interpreter. The input bytes are not used: the program is a function of the index.
    public static let differential = FuzzTarget(
        name: "differential", summary: "random IL programs run on x64 and arm64 against an IL interpreter",
        file: "generated.il",
        dictionary: [], seeds: { _ in [] },
        execute: { _, index in
            let text = ProgramGenerator().program(seed: index)
            let combination = knobCombinations[Int(index % UInt64(knobCombinations.count))]
            let config = (try? JitConfig(parsing: combination, at: .synthetic("fuzz"))) ?? JitConfig()
            let expected: String
            let module: IL.Module
            do {
                module = try ILParser.parse(text, file: "generated.il")
                var interpreter = ILInterpreter(module: module)
                expected = try interpreter.runMain()
            } catch {
                return FuzzOutcome(accepted: false, violations: ["program \(index) is not in the interpreter's subset: \(error)"])
            }
            var violations: [String] = []
            for arch in index % 4 == 0 ? Arch.allCases : [.x64] {
                do {
                    let result = try Runner.run(module: module, arch: arch, config: config, timeout: 10)
                    if result.transcript != expected {
                        violations.append("program \(index) (jitbook fuzz --program \(index)) on \(arch.rawValue) "
                            + "with '\(combination)' differs from the interpreter"
                            + firstDifference(expected, result.transcript) + (result.fault.map { " (\($0))" } ?? ""))
                    }
                } catch {
                    violations.append("program \(index) on \(arch.rawValue) with '\(combination)': \(error)")
                }
            }
            return FuzzOutcome(accepted: violations.isEmpty, violations: violations)
        }, hangLimit: 30)

    /// `: line N: expected X, got Y` for the first differing line of two transcripts ("" if one is a prefix).
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        guard let (n, pair) = zip(textLines(expected), textLines(actual)).enumerated().first(where: { $0.element.0 != $0.element.1 })
        else { return "" }
        return ": line \(n + 1): expected \(pair.0), got \(pair.1)"
    }
}
