import ArgumentParser
import Foundation
import Execution
import JIT
import Workbook

/// The root command: `jitbook test|bless|jit|run|tangle|render|serve|doctor|bench|aot|fuzz`.
struct Jitbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jitbook",
        abstract: "A literate workbook about how a .NET-style JIT compiles runtime-async code.",
        subcommands: [TestCommand.self, BlessCommand.self, JitCommand.self, RunCommand.self, AotCommand.self, TangleCommand.self,
                      RenderCommand.self, ServeCommand.self, DoctorCommand.self, BenchCommand.self, FuzzCommand.self,
                      ConformanceCommand.self]
    )
}

/// `--root DIR`: where `chapters/` (and `site/`) live; the current directory by default.
struct BookOptions: ParsableArguments {
    @Option(name: .long, help: "The book's root directory (containing chapters/). Default: the current directory.")
    var root: String?

    var book: Book {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return Book(root: root.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? cwd)
    }
}

extension Arch: ExpressibleByArgument {}

/// `--run-timeout S` and `--run-memory MIB`: the time and memory limits of each `run` block's program,
/// per architecture.
struct EngineOptions: ParsableArguments {
    @Option(help: "Seconds a run block's program may run (per architecture) before it is killed and the example fails.")
    var runTimeout: Double = 10
    @Option(help: "MiB a run block's program may allocate (the C runtime's arena; there is no GC) before the example fails with out of memory.")
    var runMemory: Int = Runner.defaultMemoryMiB

    func validate() throws {
        guard Runner.memoryLimits.contains(runMemory) else {
            throw ValidationError("--run-memory must be \(Runner.memoryLimits.lowerBound) to \(Runner.memoryLimits.upperBound) (MiB), not \(runMemory)")
        }
        guard runTimeout > 0 else { throw ValidationError("--run-timeout must be more than 0 seconds") }
    }

    var engine: JITEngine { JITEngine(runTimeout: runTimeout, runMemory: runMemory) }
}
