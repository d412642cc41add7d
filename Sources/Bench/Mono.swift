import Foundation

/// The peer: mono's toolchain (mcs, monodis) and its JIT, driven as whole processes.
///
/// mono is the reference implementation the differential corpus already trusts, and the
/// only .NET JIT Debian ships. Its JIT is measured with `mono --compile-all=1 X.exe`,
/// which compiles every method of the assembly once and exits without running Main; the
/// cost of starting mono is measured the same way on an assembly with one method and
/// subtracted. Code size comes from `mono --aot=asmonly`: the same code generator,
/// written out as assembly whose `.size` directives give each method's bytes.
public struct Mono: Sendable {
    /// A scratch directory for sources, assemblies and listings.
    public var workDirectory: URL

    public init(workDirectory: URL) {
        self.workDirectory = workDirectory
    }

    /// Why a peer measure could not be taken (a missing tool, a failed compile).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Compiles C# with mcs to `NAME.exe` (reusing an existing one made from the same text).
    public func compile(csharp: String, name: String) throws -> URL {
        let source = workDirectory.appendingPathComponent("\(name).cs")
        let exe = workDirectory.appendingPathComponent("\(name).exe")
        if (try? String(contentsOf: source, encoding: .utf8)) == csharp,
           FileManager.default.fileExists(atPath: exe.path) {
            return exe
        }
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        try Data(csharp.utf8).write(to: source)
        let r = try Process.timed("mcs", ["-optimize+", "-out:\(exe.path)", source.path])
        guard r.status == 0 else { throw Failure(description: "mcs failed on \(name).cs: \(r.stderr.prefix(400))") }
        return exe
    }

    /// The assembly's IL as monodis prints it (the text the model JIT compiles).
    public func disassemble(_ exe: URL) throws -> String {
        let r = try Process.timed("monodis", [exe.path])
        guard r.status == 0 else { throw Failure(description: "monodis failed on \(exe.lastPathComponent)") }
        return r.stdout
    }

    /// Seconds `mono --compile-all=1` takes on `exe`: the best of `repeats` whole-process runs.
    public func compileAllSeconds(_ exe: URL, repeats: Int) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let r = try Process.timed("mono", ["--compile-all=1", exe.path])
            guard r.status == 0 else { throw Failure(description: "mono --compile-all failed on \(exe.lastPathComponent): \(r.stderr.prefix(300))") }
            best = min(best, r.seconds)
        }
        return best
    }

    /// Seconds `mono exe` takes to run the program: the best of `repeats`.
    public func runSeconds(_ exe: URL, repeats: Int) throws -> (seconds: Double, stdout: String) {
        var best = Double.infinity
        var out = ""
        for _ in 0..<repeats {
            let r = try Process.timed("mono", [exe.path])
            best = min(best, r.seconds)
            out = r.stdout
        }
        return (best, out)
    }

    /// Code bytes per method (`Type_Method...` symbol to size) from `mono --aot=asmonly`.
    public func aotCodeSizes(_ exe: URL) throws -> [String: Int] {
        let asm = workDirectory.appendingPathComponent(exe.deletingPathExtension().lastPathComponent + ".aot.s")
        let object = asm.deletingPathExtension().appendingPathExtension("o")
        let aot = try Process.timed("mono", ["--aot=asmonly,outfile=\(asm.path)", exe.path])
        guard aot.status == 0 else { throw Failure(description: "mono --aot=asmonly failed: \(aot.stderr.prefix(300))") }
        let assembled = try Process.timed("as", ["-o", object.path, asm.path])
        guard assembled.status == 0 else { throw Failure(description: "as failed on mono's AOT output") }
        let nm = try Process.timed("nm", ["-S", "--defined-only", object.path])
        var sizes: [String: Int] = [:]
        for line in nm.stdout.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 4, f[2] == "t", let size = Int(f[1], radix: 16), !f[3].hasPrefix("plt") else { continue }
            sizes[String(f[3])] = size
        }
        return sizes
    }
}

extension Process {
    /// What a timed child process did.
    struct Timed {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs `tool` (found on PATH) to completion and measures its wall-clock time.
    static func timed(_ tool: String, _ arguments: [String]) throws -> Timed {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        let dir = FileManager.default.temporaryDirectory
        let tag = "jitbook-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let outURL = dir.appendingPathComponent(tag + ".out"), errURL = dir.appendingPathComponent(tag + ".err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        let start = ContinuousClock.now
        do {
            try p.run()
        } catch {
            throw Mono.Failure(description: "cannot start \(tool): \(error.localizedDescription)")
        }
        p.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        if p.terminationStatus == 127 && err.contains("No such file") {
            throw Mono.Failure(description: "\(tool) not found (run scripts/install-deps.sh)")
        }
        return Timed(status: p.terminationStatus, stdout: out, stderr: err, seconds: elapsed.seconds)
    }
}
