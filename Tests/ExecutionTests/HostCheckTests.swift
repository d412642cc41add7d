import Diagnostics
import Foundation
import JIT
import Testing
@testable import Execution

/// `jitbook doctor`'s checks and the one-line diagnostic of a runtime that cannot be built.
@Suite("Host checks and runtime build failures")
struct HostCheckTests {
    /// What aarch64-linux-gnu-gcc prints per source file when libc6-dev-arm64-cross is missing.
    static let missingArm64Headers = """
        In file included from /b/CRuntime/alloc.c:6:
        /usr/include/stdio.h:27:10: fatal error: bits/libc-header-start.h: No such file or directory
           27 | #include <bits/libc-header-start.h>
              |          ^~~~~~~~~~~~~~~~~~~~~~~~~~
        compilation terminated.
        In file included from /b/CRuntime/async.c:6:
        /usr/include/stdio.h:27:10: fatal error: bits/libc-header-start.h: No such file or directory
        compilation terminated.

        """

    @Test func compilerFailureKeepsTheFirstErrorAndItsLocation() {
        let f = CompilerFailure(stderr: Self.missingArm64Headers, arch: .arm64)
        #expect(f.firstError == "fatal error: bits/libc-header-start.h: No such file or directory")
        #expect(f.location == SourceLocation(file: "/usr/include/stdio.h", line: 27, column: 10))
        #expect(f.package == "libc6-dev-arm64-cross")
        #expect(CompilerFailure(stderr: Self.missingArm64Headers, arch: .x64).package == "libc6-dev")
    }

    @Test(arguments: [
        ("/usr/bin/ld: cannot find crt1.o: No such file or directory\ncollect2: error: ld returned 1 exit status\n",
         "libc6-dev-arm64-cross"),
        ("/usr/bin/ld: cannot find -lc: No such file or directory\n", "libc6-dev-arm64-cross"),
        ("x.c:3:1: error: expected ';' before '}' token\n", nil),
    ] as [(String, String?)])
    func likelyPackage(stderr: String, package: String?) {
        #expect(CompilerFailure(stderr: stderr, arch: .arm64).package == package)
    }

    @Test func unlocatedOutputFallsBackToTheFirstLine() {
        let f = CompilerFailure(stderr: "\ngcc: internal compiler error: Killed\n", arch: .x64)
        #expect(f.firstError == "gcc: internal compiler error: Killed")
        #expect(f.location == nil)
        #expect(f.package == nil)
    }

    /// A cross compiler that fails like a missing C library, counting how often it is started.
    func fakeCompiler() throws -> (path: String, counter: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-fakecc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let counter = dir.appendingPathComponent("starts").path
        let script = dir.appendingPathComponent("aarch64-linux-gnu-gcc").path
        let body = "#!/bin/sh\necho started >> '\(counter)'\ncat >&2 <<'END'\n\(Self.missingArm64Headers)END\nexit 1\n"
        try Data(body.utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        return (script, counter)
    }

    @Test func aRuntimeThatCannotBeBuiltIsOneDiagnosticBuiltOnce() throws {
        let (cc, counter) = try fakeCompiler()
        let image = try CodeImage.build(module: Programs.module(Programs.program(main: "ldc.i4.0\nret")), arch: .arm64,
                                        config: JitConfig())
        var seen: [Diagnostic] = []
        for _ in 0..<3 {
            do {
                _ = try Runner.run(image: image, tools: Toolchain(crossCC: cc))
                Issue.record("the run should fail")
            } catch let d as Diagnostic {
                seen.append(d)
            }
        }
        #expect(Set(seen).count == 1)
        let d = try #require(seen.first)
        #expect(d.kind == .environment)
        #expect(d.location == SourceLocation(file: "/usr/include/stdio.h", line: 27, column: 10))
        #expect(d.message.hasPrefix("cannot build the arm64 runtime: \(cc) failed (exit 1): fatal error: bits/libc-header-start.h"))
        #expect(d.message.contains("install the Debian package libc6-dev-arm64-cross"))
        #expect(!d.message.contains("compilation terminated"))
        let starts = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count
        #expect(starts == 1)
    }

    @Test func doctorLinesNameThePackage() {
        let failed = HostCheckResult(tool: "qemu-aarch64", status: .failed(package: "qemu-user"), detail: "not found on PATH")
        #expect(failed.line == "FAIL  qemu-aarch64               not found on PATH; install the Debian package qemu-user")
        #expect(!failed.isHealthy)
        let ok = HostCheckResult(tool: "cc", status: .ok, detail: "compiled and ran a C program natively")
        #expect(ok.line == "ok    cc                         compiled and ran a C program natively")
        #expect(HostCheckResult(tool: "chromium", status: .skipped, detail: "optional").isHealthy)
    }

    @Test func doctorReportsMissingToolsWithTheirPackages() {
        let results = HostChecks.run(tools: Toolchain(cc: "/nonexistent/cc", crossCC: "/nonexistent/aarch64-linux-gnu-gcc",
                                                      qemu: "/nonexistent/qemu-aarch64"))
        let byTool = Dictionary(results.map { ($0.tool, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byTool["/nonexistent/cc"]?.status == .failed(package: "gcc"))
        #expect(byTool["/nonexistent/aarch64-linux-gnu-gcc"]?.status == .failed(package: "gcc-aarch64-linux-gnu"))
        #expect(byTool["/nonexistent/qemu-aarch64"]?.status == .failed(package: "qemu-user"))
    }

    /// On the machine the tests run on, install-deps has run: every required tool works.
    @Test func everyRequiredToolWorksHere() {
        let failed = HostChecks.run().filter { !$0.isHealthy }
        #expect(failed.isEmpty, "\(failed.map(\.line).joined(separator: "\n"))")
    }
}
