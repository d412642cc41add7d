import ArgumentParser
import Diagnostics
import Execution
import Foundation
import IL
import JIT
import Workbook

/// `jitbook run FILE.il [--arch x64|arm64]`: compile a module, run its entry point, pass its output through.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run",
                                                    abstract: "Compile an IL file and run its entry point (x64 natively, arm64 under qemu).")
    @OptionGroup var options: BookOptions
    @Argument(help: "The IL file.")
    var file: String
    @Option(help: "Target architecture: x64 or arm64.")
    var arch: Arch = .x64
    @Option(help: "Set a JIT knob, K=V (repeatable).")
    var config: [String] = []
    @Option(help: "A class profile for guarded devirtualization, as in a run block's profile= key: [IL_XXXX:]Class[=Percent];...")
    var profile: String?
    @Option(help: "Time limit in seconds.")
    var timeout: Double = 10
    @Option(help: "Memory limit in MiB: the C runtime's allocation arena (there is no GC).")
    var memory: Int = Runner.defaultMemoryMiB
    @Flag(help: "Print the runtime's allocation counters (objects, tasks, continuations) to stderr at exit.")
    var stats = false

    func validate() throws {
        guard Runner.memoryLimits.contains(memory) else {
            throw ValidationError("--memory must be \(Runner.memoryLimits.lowerBound) to \(Runner.memoryLimits.upperBound) (MiB), not \(memory)")
        }
    }

    func run() throws {
        let knobs = try Self.knobs(config, profile: profile)
        let module = try Self.module(file)
        // One run: a runtime process of its own (a server pays off over many runs).
        let result = try Runner.run(module: module, arch: arch, config: knobs, timeout: timeout, memoryMiB: memory,
                                    stats: stats, batched: false)
        FileHandle.standardOutput.write(Data(result.stdout.utf8))
        // The program's own stderr (an unhandled exception's message) passes through as well.
        if result.fault == nil { FileHandle.standardError.write(Data(result.stderr.utf8)) }
        if let fault = result.fault {
            Output.error("\(file): \(arch.rawValue): \(fault)")
            throw ExitCode(1)
        }
        throw ExitCode(result.exitCode ?? 1)
    }
}

extension RunCommand {
    /// `--config K=V` (repeatable) and `--profile P` as a JIT configuration.
    static func knobs(_ config: [String], profile: String?) throws -> JitConfig {
        var knobs = JitConfig()
        for item in config {
            let loc = SourceLocation.synthetic("command line")
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw Diagnostic(.config, at: loc, "--config '\(item)' must be written as K=V") }
            try knobs.set(pair[0], pair[1], at: loc)
        }
        if let p = profile {
            knobs.classProfile = try ClassProfile(parsing: p, at: .synthetic("--profile"))
        }
        return knobs
    }

    /// Reads and parses an IL file; the assembly is named after the file.
    static func module(_ file: String) throws -> IL.Module {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw Diagnostic(.environment, at: .synthetic(file), "cannot read \(file): \(error.localizedDescription)")
        }
        return try ILParser.parse([SourceChunk(text: text, file: file)],
                                  assemblyName: ((file as NSString).lastPathComponent as NSString).deletingPathExtension)
    }
}
