import Diagnostics
import Execution
import Fuzz
import IL
import JIT
import Testing
import Workbook

/// Random verified integer programs run by the JIT (x64 natively, arm64 under qemu) under several
/// knob combinations must print what the reference interpreter prints.
@Suite struct DifferentialTests {
    /// Program seeds CI runs: each program has 6 functions called with 9 argument pairs (54 results).
    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    /// Knob combinations per architecture (arm64 runs start qemu, so fewer there).
    static let configs: [Arch: [String]] = [
        .x64: ["", "JitMinOpts=1", "JitNoInline=1", "JitDoConstProp=0;JitDoCopyProp=0",
               "JitDoDeadCode=0;JitDoBranchFolding=0"],
        .arm64: ["", "JitMinOpts=1", "JitNoInline=1;JitDoConstProp=0"],
    ]

    /// The interpreter's transcript of program `seed`.
    static func reference(_ seed: UInt64) throws -> (IL.Module, String) {
        let text = ProgramGenerator().program(seed: seed)
        let module = try ILParser.parse(text, file: "generated-\(seed).il")
        var interpreter = ILInterpreter(module: module)
        return (module, try interpreter.runMain())
    }

    @Test func generatedProgramsAreVerifiedAndDeterministic() throws {
        var features = Set<String>()
        for seed in UInt64(1)...8 {
            let text = ProgramGenerator().program(seed: seed)
            #expect(text == ProgramGenerator().program(seed: seed))
            let module = try ILParser.parse(text, file: "generated-\(seed).il")
            try ILVerifier.verify(module)
            var interpreter = ILInterpreter(module: module)
            let transcript = try interpreter.runMain()
            #expect(transcript.split(separator: "\n").count == 6 * ProgramGenerator.arguments.count + 1)
            for word in ["switch", "conv.i8", "ldc.i8", "call int32 Program::f", "bge", "div.un", "shr.un"] where text.contains(word) {
                features.insert(word)
            }
        }
        #expect(features.count == 7, "the programs never use \(Set(["switch", "conv.i8", "ldc.i8", "call int32 Program::f", "bge", "div.un", "shr.un"]).subtracting(features))")
        #expect(ProgramGenerator().program(seed: 1) != ProgramGenerator().program(seed: 2))
    }

    @Test func interpreterFollowsECMA() throws {
        #expect(try ILInterpreter.binary("div", -7, 2) == -3)
        #expect(try ILInterpreter.binary("rem", -7, 2) == -1)
        #expect(try ILInterpreter.binary("div.un", -1, 2) == Int32.max)
        #expect(try ILInterpreter.binary("shr", Int32.min, 31) == -1)
        #expect(try ILInterpreter.binary("shr.un", Int32.min, 31) == 1)
        #expect(try ILInterpreter.binary("clt.un", 1, -1) == 1)
        #expect(try ILInterpreter.binary("mul", Int32.max, 2) == -2)
        #expect(throws: ILInterpreter.Unsupported.self) { try ILInterpreter.binary("div", Int32.min, -1) }
        #expect(try ILInterpreter.binary64("div.un", -1, 2) == Int64.max)
        #expect(try ILInterpreter.binary64("shr.un", Int64.min, 63) == 1)
        #expect(try ILInterpreter.binary64("shl", 1, 65) == 2)
        #expect(try ILInterpreter.binary64("mul", Int64.max, 2) == -2)
        #expect(try ILInterpreter.binary64("clt.un", 1, -1) == 1)
    }

    @Test(arguments: seeds, Arch.allCases)
    func jitMatchesInterpreter(_ seed: UInt64, _ arch: Arch) throws {
        let (module, expected) = try Self.reference(seed)
        for text in Self.configs[arch] ?? [] {
            let config = try JitConfig(parsing: text, at: .synthetic("test"))
            let result = try Runner.run(module: module, arch: arch, config: config, timeout: 30)
            let same = result.transcript == expected
            #expect(same, """
                program \(seed) (jitbook fuzz --program \(seed)) on \(arch.rawValue) with config '\(text)' differs \
                from the interpreter:
                \(UnifiedDiff.render(expected: textLines(expected), actual: textLines(result.transcript)))
                """)
        }
    }
}
