import Diagnostics
import Foundation
import JIT

/// Builds the C runtime for an architecture on demand and caches the binary.
///
/// The cache directory is keyed by a hash of the C sources and the compile
/// command, so editing the runtime rebuilds it and nothing else does. Builds
/// write to a unique temporary name and `rename` into place, so parallel test
/// processes never see a half-written binary.
enum RuntimeBuild {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: [String: String] = [:]
    nonisolated(unsafe) private static var failed: [String: Diagnostic] = [:]

    /// The directory holding the runtime's C sources (shipped as a resource).
    static func sourceDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "CRuntime", withExtension: nil) else {
            throw Diagnostic(.environment, at: .synthetic("jitbook"), "the C runtime sources are missing from the bundle")
        }
        return url
    }

    /// The path of a runtime binary for `arch`, building it when the cache has none.
    static func binary(for arch: Arch, tools: Toolchain) throws -> String {
        let compiler = try Toolchain.locate(arch == .x64 ? tools.cc : tools.crossCC)
        let dir = try sourceDirectory()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let sources = files.filter { $0.hasSuffix(".c") }
        // Not position independent: the runtime's own text sits at 0x400000 on both targets,
        // far below the address map, and at the same place on every run.
        let flags = (arch == .x64 ? ["-O2", "-no-pie"] : ["-O2", "-static"]) + sanitizerFlags()
        var hasher = FNV1a()
        hasher.add(arch.rawValue)
        hasher.add(compiler)
        hasher.add(flags.joined(separator: " ") + " -lm")
        for f in files where f.hasSuffix(".c") || f.hasSuffix(".h") {
            hasher.add(f)
            hasher.add(try Data(contentsOf: dir.appendingPathComponent(f)))
        }
        let key = String(hasher.value, radix: 16)
        lock.lock()
        defer { lock.unlock() }
        if let path = built[key + arch.rawValue] { return path }
        // A failed build fails the same way for every example: report it once, do not retry.
        if let failure = failed[key + arch.rawValue] { throw failure }
        let cacheDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("jitbook-runtime").appendingPathComponent(key)
        let binary = cacheDir.appendingPathComponent("jitbook-runtime-\(arch.rawValue)").path
        if !FileManager.default.isExecutableFile(atPath: binary) {
            try FileManager.default.createDirectory(at: cacheDir, withIntermediateDirectories: true)
            let temp = binary + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
            let args = flags + ["-o", temp] + sources.map { dir.appendingPathComponent($0).path } + ["-lm"]
            let result = try ChildProcess.run(compiler, args, timeout: 120)
            guard case .exited(0) = result.status else {
                try? FileManager.default.removeItem(atPath: temp)
                let failure = buildFailure(arch: arch, compiler: compiler, status: result.status, stderr: result.stderr)
                failed[key + arch.rawValue] = failure
                throw failure
            }
            guard rename(temp, binary) == 0 else {
                throw Diagnostic(.environment, at: .synthetic("jitbook"), "cannot install the runtime at \(binary)")
            }
        }
        built[key + arch.rawValue] = binary
        return binary
    }
}

extension RuntimeBuild {
    /// `JITBOOK_RUNTIME_SANITIZE=undefined` (or another `-fsanitize=` list of cc's) builds the C runtime
    /// with that sanitizer, stopping at the first report (`make fuzz-ubsan`). The flags are part of the
    /// cache key, so a sanitized runtime never replaces the plain one.
    static func sanitizerFlags(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        guard let list = environment["JITBOOK_RUNTIME_SANITIZE"], !list.isEmpty else { return [] }
        return ["-fsanitize=" + list, "-fno-sanitize-recover=all", "-g"]
    }

    /// One diagnostic for a failed runtime build: located at the compiler's first error,
    /// carrying that error's text and the Debian package likely missing, not the whole output.
    static func buildFailure(arch: Arch, compiler: String, status: ChildProcess.Status, stderr: String) -> Diagnostic {
        let failure = CompilerFailure(stderr: stderr, arch: arch)
        let how: String
        switch status {
        case .timedOut: how = "timed out"
        case .signaled(let s): how = "was killed by \(ChildProcess.signalName(s))"
        case .exited(let code): how = "failed (exit \(code))"
        }
        return Diagnostic(.environment, at: failure.location ?? .synthetic("jitbook"),
                          "cannot build the \(arch.rawValue) runtime: \(compiler) \(how): \(failure.summary)")
    }
}

/// 64-bit FNV-1a: a stable hash (Swift's `Hasher` is seeded per process).
///
/// Cache keys that outlive a process (the runtime binaries, `jitbook test`'s pass cache) need the
/// same hash on every run and every machine.
public struct FNV1a: Sendable {
    /// The hash of everything added so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Adds bytes, then a separator.
    public mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100_0000_01B3
        }
        add0()
    }
    /// Adds a string's UTF-8 bytes, then a separator.
    public mutating func add(_ s: String) { add(Array(s.utf8)) }
    /// Adds data, then a separator.
    public mutating func add(_ d: Data) { add([UInt8](d)) }
    /// The hash as 16 hex digits.
    public var hex: String { let h = String(value, radix: 16); return String(repeating: "0", count: 16 - h.count) + h }
    /// A separator so that ("ab","c") and ("a","bc") differ.
    private mutating func add0() { value = (value ^ 0xFF) &* 0x100_0000_01B3 }
}

/// Where the C runtime's sources live (for tests that check them against the Swift tables).
public enum RuntimeSources {
    /// The `CRuntime` resource directory.
    public static func directory() throws -> URL { try RuntimeBuild.sourceDirectory() }
}
