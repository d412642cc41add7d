import ArgumentParser
import Foundation
import JIT
import Workbook

/// `jitbook jit FILE.il`: compile a plain IL file and print listings and dumps.
struct JitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jit",
                                                    abstract: "Compile an IL file and print its listing and IR dumps.")
    @OptionGroup var options: BookOptions
    @Argument(help: "The IL file.")
    var file: String
    @Option(help: "The method to compile, as Type::Method. Default: every method with a body.")
    var method: String?
    @Option(help: "Target architecture: x64 or arm64.")
    var arch: Arch = .x64
    @Option(help: "Print the IR after PHASE (repeatable; 'all' for every phase; 'il' prints the IL compiled, synthesized thunks included: select them with [thunk]).")
    var dump: [String] = []
    @Option(help: "Set a JIT knob, K=V (repeatable).")
    var config: [String] = []
    @Option(help: "A class profile for guarded devirtualization, as in a chapter's profile= key: [IL_XXXX:]Class[=Percent];...")
    var profile: String?
    @Flag(help: "End each instruction's listing line with the IL offsets it came from (PROLOG, EPILOG, NO_MAPPING otherwise).")
    var debugInfo = false

    func validate() throws {
        do {
            _ = try StandaloneJit.phases(dump)
        } catch {
            throw ValidationError("\(error.diagnostics(defaultLocation: .synthetic("command line")).map(\.message).joined())")
        }
    }

    func run() throws {
        var knobs = try StandaloneJit.config(config)
        if let p = profile {
            knobs.classProfile = try ClassProfile(parsing: p, at: .synthetic("--profile"))
        }
        let jit = StandaloneJit(file: URL(fileURLWithPath: file), displayPath: file, method: method, arch: arch,
                                dumps: try StandaloneJit.phases(dump), config: knobs, debugInfo: debugInfo)
        let (output, failures) = try jit.run()
        Output.out(output)
        if !failures.isEmpty {
            for d in failures { Output.error(d.description) }
            throw ExitCode(1)
        }
    }
}
