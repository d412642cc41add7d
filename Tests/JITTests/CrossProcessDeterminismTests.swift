import Foundation
import Testing

/// The same IL gives byte-identical listings in every process.
///
/// Swift seeds its hashing per process, so a phase that walks a `Set` or `Dictionary` in
/// iteration order is deterministic inside one process and differs between two: only separate
/// processes catch it. LSRA once created local intervals in `Set<Int>` order, and the
/// async-inlining programs below got different registers from run to run (five different
/// listings in six runs). Each case runs the `jitbook` executable built beside the tests
/// (`swift build` builds it) three times and compares the outputs.
@Suite(.serialized) struct CrossProcessDeterminismTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let programs = [
        "Tests/ExecutionTests/AsyncPrograms/inline_async_shapes.il",
        "Tests/ExecutionTests/AsyncPrograms/inline_async_frames.il",
        "Tests/ExecutionTests/AsyncPrograms/inline_async_gdv.il",
        "Tests/ExecutionTests/Corpus/cs_ackermann.il",
    ]

    /// The `jitbook` executable of this build: beside the test bundle in `.build/<config>/`.
    static func executable() throws -> URL {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                     ?? CommandLine.arguments[0])
        var dir = me.deletingLastPathComponent()
        // The runner may be inside the .xctest bundle directory.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("jitbook")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
            "no jitbook executable beside \(me.path): run `swift build` before `swift test`"])
    }

    static func listing(_ exe: URL, _ file: String, _ arch: String, _ config: [String]) throws -> String {
        let p = Process()
        p.executableURL = exe
        p.currentDirectoryURL = root
        p.arguments = ["jit", file, "--arch", arch] + config.flatMap { ["--config", $0] }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: programs, ["x64", "arm64"])
    func sameListingInEveryProcess(_ file: String, _ arch: String) throws {
        let exe = try Self.executable()
        let config = ["JitInlineAsyncMethods=2"]
        let first = try Self.listing(exe, file, arch, config)
        #expect(first.contains("; Total bytes of code"))
        for _ in 0..<2 {
            #expect(try Self.listing(exe, file, arch, config) == first)
        }
    }
}
