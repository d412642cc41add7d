import Diagnostics
import Foundation
import JIT

/// What one check of a host tool found.
public struct HostCheckResult: Sendable, Equatable {
    /// How the check ended.
    public enum Status: Sendable, Equatable {
        /// The tool did its job.
        case ok
        /// The tool is missing or broken; `package` (when known) is the Debian package that fixes it.
        case failed(package: String?)
        /// Not checked: an optional tool that is absent, or a check that needs an earlier one to pass.
        case skipped
    }

    /// The tool's name as the book invokes it (`cc`, `aarch64-linux-gnu-gcc`, `ilasm`, ...).
    public var tool: String
    public var status: Status
    /// What was done and seen, or what went wrong, on one line.
    public var detail: String

    public init(tool: String, status: Status, detail: String) {
        self.tool = tool
        self.status = status
        self.detail = detail
    }

    /// True unless the check failed.
    public var isHealthy: Bool { if case .failed = status { false } else { true } }

    /// `ok    cc                      compiled and ran a C program natively`, `FAIL  ...: install P`.
    public var line: String {
        let tag: String
        var text = detail
        switch status {
        case .ok: tag = "ok  "
        case .skipped: tag = "skip"
        case .failed(let package):
            tag = "FAIL"
            if let package, !text.contains(package) { text += "; install the Debian package \(package)" }
        }
        return "\(tag)  \(tool.padding(toLength: 26, withPad: " ", startingAt: 0)) \(text)"
    }
}

/// Checks every external tool the book needs by really using it (`jitbook doctor`).
///
/// A tool on PATH can still be unusable: a cross compiler without its C library, an
/// objdump without the arm64 target. So each check does the job the book does with it,
/// on a tiny input, and names the Debian package that fixes a failure. The checks are
/// the same commands the runner, the objdump cross-checks and `scripts/corpus.sh` run.
public enum HostChecks {
    /// Runs every check in order; `withChromium` makes the headless browser required.
    public static func run(tools: Toolchain = Toolchain(), withChromium: Bool = false) -> [HostCheckResult] {
        // One directory per run, not per process: tests run the checks concurrently in one process,
        // and a run that finished first used to delete the page another run's chromium was loading.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-doctor-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scratch = Scratch(dir: dir)
        var results: [HostCheckResult] = []
        results.append(nativeC(tools, scratch))
        let (cross, arm64Binary) = crossC(tools, scratch)
        results.append(cross)
        results.append(qemu(tools, scratch, binary: arm64Binary))
        results.append(contentsOf: binutils(scratch))
        results.append(contentsOf: mono(scratch))
        results.append(chromium(scratch, required: withChromium))
        return results
    }

    /// A C program that prints a fixed line: every C check compiles and runs it.
    static let helloC = "#include <stdio.h>\n#include <string.h>\nint main(void) { char b[16]; strcpy(b, \"jitbook-ok\"); puts(b); return 0; }\n"
    static let helloOutput = "jitbook-ok"

    /// The native C compiler with the runtime's own flags.
    static func nativeC(_ tools: Toolchain, _ s: Scratch) -> HostCheckResult {
        let name = tools.cc
        guard let cc = try? Toolchain.locate(name) else {
            return HostCheckResult(tool: name, status: .failed(package: "gcc"), detail: "not found on PATH")
        }
        let exe = s.path("hello-x64")
        if let failure = compile(cc, ["-O2", "-no-pie", "-o", exe, s.write("hello.c", helloC)], arch: .x64, tool: name) {
            return failure
        }
        guard let out = s.run(exe, []), out.ok, out.stdout.contains(helloOutput) else {
            return HostCheckResult(tool: name, status: .failed(package: "libc6-dev"),
                                   detail: "compiled a C program that does not run correctly")
        }
        return HostCheckResult(tool: name, status: .ok, detail: "compiled and ran a C program natively (the x64 runtime's build)")
    }

    /// The arm64 cross compiler, static as the runtime; returns the binary for the qemu check.
    static func crossC(_ tools: Toolchain, _ s: Scratch) -> (HostCheckResult, String?) {
        let name = tools.crossCC
        guard let cc = try? Toolchain.locate(name) else {
            return (HostCheckResult(tool: name, status: .failed(package: "gcc-aarch64-linux-gnu"), detail: "not found on PATH"), nil)
        }
        let exe = s.path("hello-arm64")
        if let failure = compile(cc, ["-O2", "-static", "-o", exe, s.write("hello.c", helloC)], arch: .arm64, tool: name) {
            return (failure, nil)
        }
        return (HostCheckResult(tool: name, status: .ok, detail: "cross-compiled a static arm64 C program (the arm64 runtime's build)"), exe)
    }

    /// qemu-user running the cross-compiled program.
    static func qemu(_ tools: Toolchain, _ s: Scratch, binary: String?) -> HostCheckResult {
        let name = tools.qemu
        guard let qemu = try? Toolchain.locate(name) else {
            return HostCheckResult(tool: name, status: .failed(package: "qemu-user"), detail: "not found on PATH")
        }
        guard let binary else {
            return HostCheckResult(tool: name, status: .skipped, detail: "found, not run: no arm64 program to run (see the cross compiler above)")
        }
        guard let out = s.run(qemu, [binary]), out.ok, out.stdout.contains(helloOutput) else {
            return HostCheckResult(tool: name, status: .failed(package: "qemu-user"), detail: "could not run an arm64 program")
        }
        return HostCheckResult(tool: name, status: .ok, detail: "ran the arm64 program")
    }

    /// `as` and `objdump` for both targets: assemble two instructions, disassemble them back.
    static func binutils(_ s: Scratch) -> [HostCheckResult] {
        struct Target { var arch: String; var prefix: String; var package: String; var asFlags: [String]
                        var objdumpFlags: [String]; var source: String; var expect: [String] }
        let targets = [
            Target(arch: "x64", prefix: "", package: "binutils", asFlags: ["--64", "-msyntax=intel", "-mnaked-reg"],
                   objdumpFlags: ["-M", "intel"], source: "mov rax, rdi\nret\n", expect: ["48 89 f8", "rax,rdi", "ret"]),
            Target(arch: "arm64", prefix: "aarch64-linux-gnu-", package: "binutils-aarch64-linux-gnu", asFlags: [],
                   objdumpFlags: [], source: "mov x0, x1\nret\n", expect: ["aa0103e0", "x0, x1", "ret"]),
        ]
        var results: [HostCheckResult] = []
        for t in targets {
            let asName = t.prefix + "as", objdumpName = t.prefix + "objdump"
            guard let asPath = try? Toolchain.locate(asName), let objdump = try? Toolchain.locate(objdumpName) else {
                results.append(HostCheckResult(tool: objdumpName, status: .failed(package: t.package),
                                               detail: "\(asName) or \(objdumpName) not found on PATH"))
                continue
            }
            let object = s.path("insn-\(t.arch).o")
            guard let assembled = s.run(asPath, t.asFlags + ["-o", object, s.write("insn-\(t.arch).s", t.source)]), assembled.ok else {
                results.append(HostCheckResult(tool: objdumpName, status: .failed(package: t.package),
                                               detail: "\(asName) cannot assemble \(t.arch) instructions"))
                continue
            }
            guard let listed = s.run(objdump, ["-d"] + t.objdumpFlags + [object]), listed.ok,
                  t.expect.allSatisfy({ listed.stdout.contains($0) }) else {
                results.append(HostCheckResult(tool: objdumpName, status: .failed(package: t.package),
                                               detail: "\(objdumpName) does not disassemble \(t.arch) code as expected"))
                continue
            }
            results.append(HostCheckResult(tool: objdumpName, status: .ok,
                                           detail: "assembled and disassembled \(t.arch) code (\(asName), \(objdumpName))"))
        }
        return results
    }

    /// mono's ilasm, monodis, mcs and runtime, as `scripts/corpus.sh` uses them to make the corpora.
    static func mono(_ s: Scratch) -> [HostCheckResult] {
        let il = """
            .assembly extern mscorlib {}
            .assembly Hello {}
            .class public Program extends [mscorlib]System.Object {
              .method public static int32 Main() cil managed {
                .entrypoint
                ldstr "jitbook-ok"
                call void [mscorlib]System.Console::WriteLine(string)
                ldc.i4.0
                ret
              }
            }

            """
        let cs = "class Program { static int Main() { System.Console.WriteLine(\"jitbook-ok\"); return 0; } }\n"
        var results: [HostCheckResult] = []
        func check(_ tool: String, _ package: String, _ detail: String, _ body: (String) -> Bool) {
            guard let path = try? Toolchain.locate(tool) else {
                results.append(HostCheckResult(tool: tool, status: .failed(package: package), detail: "not found on PATH"))
                return
            }
            results.append(body(path) ? HostCheckResult(tool: tool, status: .ok, detail: detail)
                                      : HostCheckResult(tool: tool, status: .failed(package: package), detail: "failed: \(detail)"))
        }
        let ilExe = s.path("hello-il.exe"), csExe = s.path("hello-cs.exe")
        check("ilasm", "mono-devel", "assembled an IL program") { path in
            s.run(path, ["/quiet", "/output:\(ilExe)", s.write("hello.il", il)])?.ok == true
        }
        check("monodis", "mono-utils", "disassembled it back to IL") { path in
            s.run(path, [ilExe])?.stdout.contains("jitbook-ok") == true
        }
        check("mcs", "mono-devel", "compiled a C# program") { path in
            s.run(path, ["-out:\(csExe)", s.write("hello.cs", cs)])?.ok == true
        }
        check("mono", "mono-runtime", "ran the IL and C# programs") { path in
            [ilExe, csExe].allSatisfy { s.run(path, [$0])?.stdout.contains("jitbook-ok") == true }
        }
        return results
    }

    /// Headless chromium loading a page: needed only by the site's browser tests.
    static func chromium(_ s: Scratch, required: Bool) -> HostCheckResult {
        guard let path = try? Toolchain.locate("chromium") else {
            return HostCheckResult(tool: "chromium", status: required ? .failed(package: "chromium") : .skipped,
                                   detail: required ? "not found on PATH"
                                       : "not installed (optional: the site's browser tests; scripts/install-deps.sh --with-chromium)")
        }
        let page = s.write("page.html", "<html><body><p id=\"x\"></p><script>document.getElementById('x').textContent='jitbook-' + 'ok'</script></body></html>")
        // A profile of its own (a chromium holding the default profile's lock makes a second one
        // hand over and print nothing), and a second try: a first start on a loaded machine can
        // miss the time limit. A failure says why (chromium's last line).
        var why = ""
        func load(_ attempt: Int) -> Bool {
            let profile = s.dir.appendingPathComponent("chromium-profile-\(attempt)").path
            do {
                let r = try ChildProcess.run(path, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                    "--user-data-dir=" + profile, "--dump-dom", "file://" + page], timeout: 60)
                if r.stdout.contains(helloOutput) { return true }
                let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
                why = r.status == .timedOut ? "timed out after 60 s" : "\(r.status), the page not in its output; \(last)"
            } catch {
                why = "\(error)"
            }
            return false
        }
        guard load(1) || load(2) else {
            return HostCheckResult(tool: "chromium", status: .failed(package: "chromium"), detail: "could not load a page headless (\(why))")
        }
        return HostCheckResult(tool: "chromium", status: .ok, detail: "loaded a page headless and ran its script")
    }

    /// Compiles with `cc`; nil on success, else the failure with the compiler's first error.
    static func compile(_ cc: String, _ args: [String], arch: Arch, tool: String) -> HostCheckResult? {
        guard let result = try? ChildProcess.run(cc, args, timeout: 60) else {
            return HostCheckResult(tool: tool, status: .failed(package: nil), detail: "cannot start \(cc)")
        }
        if result.status == .exited(0) { return nil }
        let failure = CompilerFailure(stderr: result.stderr, arch: arch)
        return HostCheckResult(tool: tool, status: .failed(package: failure.package),
                               detail: "cannot compile a C program: \(failure.firstError)")
    }

    /// A temporary directory for the checks' inputs and outputs.
    struct Scratch {
        var dir: URL

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        /// Writes `text` to `name` and returns its path.
        func write(_ name: String, _ text: String) -> String {
            let p = path(name)
            try? Data(text.utf8).write(to: URL(fileURLWithPath: p))
            return p
        }

        /// Runs a program; nil when it cannot start.
        func run(_ executable: String, _ args: [String], timeout: Double = 30) -> (ok: Bool, stdout: String)? {
            guard let r = try? ChildProcess.run(executable, args, timeout: timeout) else { return nil }
            return (r.status == .exited(0), r.stdout)
        }
    }
}

extension HostChecks {
    /// libcmark: the library jitbook is linked against, and its pkg-config entry for building jitbook.
    public static func libcmark(linkedVersion: String) -> HostCheckResult {
        guard let pkgConfig = try? Toolchain.locate("pkg-config") else {
            return HostCheckResult(tool: "libcmark", status: .failed(package: "pkg-config"),
                                   detail: "linked \(linkedVersion), but pkg-config (which SwiftPM uses to find it) is missing")
        }
        guard let r = try? ChildProcess.run(pkgConfig, ["--modversion", "libcmark"], timeout: 10), r.status == .exited(0) else {
            return HostCheckResult(tool: "libcmark", status: .failed(package: "libcmark-dev"),
                                   detail: "linked \(linkedVersion), but pkg-config finds no libcmark to build against")
        }
        let found = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return HostCheckResult(tool: "libcmark", status: .ok, detail: "linked \(linkedVersion); pkg-config finds libcmark \(found)")
    }
}
