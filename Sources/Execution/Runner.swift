import Diagnostics
import Foundation
import IL
import JIT

/// What running a module's entry point produced on one architecture.
public struct RunResult: Sendable {
    public var stdout: String
    public var stderr: String
    /// The process exit code (Main's int32 result, low 8 bits); nil when killed by a signal or timed out.
    public var exitCode: Int32?
    /// "fatal signal SIGSEGV at ... (Program:Main():int+0x12)", "timed out after 10 s", ...; nil on a normal exit.
    public var fault: String?
    /// The `Unhandled exception. System.X: message` line the runtime printed to stderr, if any.
    public var exceptionLine: String?
    /// The text a `run` block holds: stdout, then the unhandled-exception line if the program
    /// ended with one (it goes to stderr, as in .NET, but belongs to what a reader sees), then a
    /// last line `exit N`.
    ///
    /// A run that faulted ends with the fault line instead (such a transcript is never blessed).
    public var transcript: String

    public init(stdout: String, stderr: String, exitCode: Int32?, fault: String?) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
        self.fault = fault
        self.exceptionLine = stderr.split(separator: "\n").first { $0.hasPrefix("Unhandled exception. ") }.map(String.init)
        var t = stdout
        if !t.isEmpty && !t.hasSuffix("\n") { t += "\n" }
        if let e = exceptionLine, fault == nil { t += e + "\n" }
        if let fault { t += fault + "\n" } else { t += "exit \(exitCode ?? -1)\n" }
        self.transcript = t
    }
}

/// Runs modules: compile to a code image, load it in the C runtime in a child process, report.
///
/// x64 runs the runtime natively; arm64 runs the same runtime, cross-compiled and
/// static, under qemu-aarch64. A crash or hang of generated code is a `fault`
/// in the result, never a crash or hang of the caller.
public enum Runner {
    /// The memory limit of a run unless one is given: the C runtime's bump arena, in MiB.
    public static let defaultMemoryMiB = 256

    /// Compiles `module` for `arch`, runs its entry point with a time limit (seconds) and a memory
    /// limit (`memoryMiB`, the size of the runtime's allocation arena) and reports.
    ///
    /// A program that allocates more fails with the fault `jitbook-runtime: out of memory (bump arena
    /// of N MiB exhausted; there is no GC)`.
    /// Throws diagnostics for compile errors (located in the IL) and an `.environment`
    /// diagnostic when cc, aarch64-linux-gnu-gcc or qemu-aarch64 is missing.
    /// With `stats`, the runtime prints its allocation counters to stderr at exit (`--stats`).
    /// `batched`: see `run(image:)`.
    public static func run(module: IL.Module, arch: Arch, config: JitConfig = JitConfig(),
                           timeout: Double = 10, memoryMiB: Int = defaultMemoryMiB, stats: Bool = false,
                           batched: Bool = true) throws -> RunResult {
        try run(module: module, arch: arch, config: config, timeout: timeout, memoryMiB: memoryMiB, tools: Toolchain(),
                stats: stats, batched: batched)
    }

    /// The same, with explicit tool names or paths.
    public static func run(module: IL.Module, arch: Arch, config: JitConfig = JitConfig(),
                           timeout: Double = 10, memoryMiB: Int = defaultMemoryMiB, tools: Toolchain,
                           stats: Bool = false, batched: Bool = true) throws -> RunResult {
        let image = try CodeImage.build(module: module, arch: arch, config: config)
        return try run(image: image, timeout: timeout, memoryMiB: memoryMiB, tools: tools, stats: stats, batched: batched)
    }

    /// Runs an already built image.
    ///
    /// With `batched` (the default) the run goes to a long-lived runtime server of this process
    /// (`RuntimeServer`: one exec, and one qemu-aarch64 on arm64, for many runs; each run still a
    /// process of its own, forked); without it, or when no server can run it, to a runtime process
    /// started for this run alone.
    public static func run(image: CodeImage, timeout: Double = 10, memoryMiB: Int = defaultMemoryMiB,
                           tools: Toolchain = Toolchain(), stats: Bool = false, batched: Bool = true) throws -> RunResult {
        guard memoryLimits.contains(memoryMiB) else {
            throw Diagnostic(.config, at: .synthetic("jitbook"),
                             "the memory limit of a run must be \(memoryLimits.lowerBound) to \(memoryLimits.upperBound) MiB, not \(memoryMiB)")
        }
        let runtime = try RuntimeBuild.binary(for: image.arch, tools: tools)
        var executable = runtime
        var arguments: [String] = []
        if image.arch == .arm64 {
            executable = try Toolchain.locate(tools.qemu)
            arguments = [runtime]
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("jitbook-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).img").path
        do {
            try Data(ImageFormat.serialize(image)).write(to: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic(.environment, at: .synthetic("jitbook"), "cannot write the code image: \(error.localizedDescription)")
        }
        defer { unlink(path) }
        // A runtime server (batched runs) if one can run it; else, or when its run found the address
        // map taken, a runtime process of its own.
        if batched, let child = RuntimeServers.run([executable] + arguments, imagePath: path, memoryMiB: memoryMiB,
                                                   stats: stats, timeout: timeout),
           !ChildProcess.addressMapWasBusy(child) {
            return result(of: child, timeout: timeout)
        }
        arguments.append(path)
        if stats { arguments.append("--stats") }
        arguments += ["--memory", String(memoryMiB)]
        var child = try ChildProcess.run(executable, arguments, timeout: timeout)
        // Only where randomization could not be turned off: another layout is one retry away.
        var attempts = 1
        while attempts < 8 && ChildProcess.addressMapWasBusy(child) {
            child = try ChildProcess.run(executable, arguments, timeout: timeout)
            attempts += 1
        }
        return result(of: child, timeout: timeout)
    }

    /// The memory limits (MiB) the runtime accepts (`JITBOOK_ARENA_MAX_MIB` in `jitbook_runtime.h`).
    public static let memoryLimits = 1...65536

    /// Turns how the child ended into a `RunResult`: the runtime's fault line wins over the exit code
    /// (a report of a sanitized runtime, `file.c:L:C: runtime error: ...`, is one too).
    static func result(of child: ChildProcess.Result, timeout: Double) -> RunResult {
        let faultLine = child.stderr.split(separator: "\n").first {
            $0.hasPrefix("fatal signal ") || $0.hasPrefix("jitbook-runtime: ") || $0.contains(": runtime error: ")
        }.map(String.init)
        switch child.status {
        case .timedOut:
            return RunResult(stdout: child.stdout, stderr: child.stderr, exitCode: nil,
                             fault: "timed out after \(secondsText(timeout)) s")
        case .signaled(let s):
            return RunResult(stdout: child.stdout, stderr: child.stderr, exitCode: nil,
                             fault: faultLine ?? "killed by \(ChildProcess.signalName(s))")
        case .exited(let code):
            if let faultLine {
                return RunResult(stdout: child.stdout, stderr: child.stderr, exitCode: nil, fault: faultLine)
            }
            return RunResult(stdout: child.stdout, stderr: child.stderr, exitCode: code, fault: nil)
        }
    }

    /// `10` for 10.0, `2.5` for 2.5.
    static func secondsText(_ s: Double) -> String {
        s == s.rounded() && abs(s) < 1e9 ? String(Int(s)) : String(s)
    }
}
