import ArgumentParser
import Diagnostics
import Execution
import Foundation
import JIT

/// `jitbook aot FILE.il [--arch x64|arm64] [--config K=V]...`: the model's ahead-of-time compilation.
struct AotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aot",
        abstract: "Compile an IL module ahead of time (a ReadyToRun model): print its dependency graph, indirection cells, helper fixups and problems.")
    @OptionGroup var options: BookOptions
    @Argument(help: "The IL file.")
    var file: String
    @Option(help: "Target architecture: x64 or arm64.")
    var arch: Arch = .x64
    @Option(help: "Set a JIT knob, K=V (repeatable); JitAsyncContextHelpers=0 gives the shape before seed 004.")
    var config: [String] = []

    func run() throws {
        let knobs = try RunCommand.knobs(config, profile: nil)
        let image = try AotCompiler.compile(module: try RunCommand.module(file), arch: arch, config: knobs)
        Output.out(image.report)
        // The problems are located failures: the image would not run correctly.
        if !image.problems.isEmpty { throw ExitCode(1) }
    }
}
