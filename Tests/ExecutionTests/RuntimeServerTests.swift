import Foundation
import IL
import JIT
import Testing
@testable import Execution

/// Batched runs (`jitbook-runtime --serve`): one runtime process forks a child per image, and every
/// run reports exactly what a runtime started for it alone reports.
@Suite struct RuntimeServerTests {
    /// Programs that end every way a run can end: output and an exit code, an unhandled exception,
    /// a crash, the arena exhausted, a hang.
    static let endings: [(name: String, text: String)] = [
        ("exit code", Programs.program(main: """
            ldstr "hello"
            call void [mscorlib]System.Console::WriteLine(string)
            ldc.i4.s 42
            ret
            """)),
        ("unhandled exception", Programs.program(main: """
            ldstr "boom"
            newobj instance void [mscorlib]System.InvalidOperationException::.ctor(string)
            throw
            """)),
        ("crash", FaultTests.recursion),
        ("out of memory", Programs.program(main: """
            L: ldc.i4 1000000
               newarr [mscorlib]System.Int32
               pop
               br L
            """, returns: "void")),
        ("hang", Programs.program(main: "L: br L", returns: "void")),
    ]

    static let cases: [(Int, Arch)] = Arch.allCases.flatMap { arch in endings.indices.map { ($0, arch) } }

    @Test(arguments: cases)
    func batchedRunReportsWhatAStandaloneRunReports(_ index: Int, _ arch: Arch) throws {
        let module = try Programs.module(Self.endings[index].text)
        let alone = try Runner.run(module: module, arch: arch, timeout: 2, memoryMiB: 16, batched: false)
        let failedBefore = RuntimeServers.failedRuns
        let batched = try Runner.run(module: module, arch: arch, timeout: 2, memoryMiB: 16, batched: true)
        // A server ran it (a run no server takes falls back to a process of its own, and would compare equal).
        #expect(RuntimeServers.failedRuns == failedBefore)
        #expect(batched.transcript == alone.transcript, "\(Self.endings[index].name)")
        #expect(batched.exitCode == alone.exitCode)
        #expect(batched.fault == alone.fault)
        #expect(batched.stdout == alone.stdout)
        #expect(batched.stderr == alone.stderr)
    }

    /// `--stats` (the runtime's allocation counters, printed at exit) reaches a batched run's child too.
    @Test(arguments: Arch.allCases)
    func statsAreReportedAsByAStandaloneRun(_ arch: Arch) throws {
        let module = try Programs.module(Self.endings[0].text)
        let alone = try Runner.run(module: module, arch: arch, timeout: 10, stats: true, batched: false)
        let batched = try Runner.run(module: module, arch: arch, timeout: 10, stats: true, batched: true)
        #expect(!alone.stderr.isEmpty)
        #expect(batched.stderr == alone.stderr)
        #expect(batched.transcript == alone.transcript)
    }

    /// One server runs one image after another, a crash and a hang in between included: each run is
    /// a child of its own, ends as the runtime started on its own ends, and the server outlives it.
    @Test(arguments: Arch.allCases)
    func oneServerRunsManyImages(_ arch: Arch) throws {
        let runtime = try RuntimeBuild.binary(for: arch, tools: Toolchain())
        let command = arch == .arm64 ? [try Toolchain.locate(Toolchain().qemu), runtime] : [runtime]
        let server = try #require(RuntimeServer.start(command[0], Array(command.dropFirst())))
        defer { server.stop() }
        for (i, k) in [0, 1, 2, 3, 4, 0].enumerated() {
            let image = try CodeImage.build(module: try Programs.module(Self.endings[k].text), arch: arch, config: JitConfig())
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("server-test-\(getpid())-\(arch.rawValue)-\(i).img").path
            try Data(ImageFormat.serialize(image)).write(to: URL(fileURLWithPath: path))
            defer { unlink(path) }
            let batched = try #require(server.run(imagePath: path, memoryMiB: 16, stats: false, timeout: 2))
            let alone = try ChildProcess.run(command[0], Array(command.dropFirst()) + [path, "--memory", "16"], timeout: 2)
            let name = Self.endings[k].name
            #expect(batched.status == alone.status, "run \(i) (\(name))")
            #expect(batched.stdout == alone.stdout, "run \(i) (\(name))")
            #expect(batched.stderr == alone.stderr, "run \(i) (\(name))")
        }
    }

    /// A server that cannot start, or that died, makes `run` return nil: the runner then starts a
    /// runtime of its own for the image.
    @Test func aServerThatIsGoneIsReportedNotWaitedFor() throws {
        #expect(RuntimeServer.start("/nonexistent/jitbook-runtime", []) == nil)
        let runtime = try RuntimeBuild.binary(for: .x64, tools: Toolchain())
        let server = try #require(RuntimeServer.start(runtime, []))
        server.stop()
        let image = try CodeImage.build(module: try Programs.module(Self.endings[0].text), arch: .x64, config: JitConfig())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("server-test-\(getpid())-gone.img").path
        try Data(ImageFormat.serialize(image)).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        #expect(server.run(imagePath: path, memoryMiB: 16, stats: false, timeout: 2) == nil)
    }
}
