import Diagnostics
import Foundation
import IL
import JIT
import Runtime

/// The conformance run (issue 14): CoreCLR's IL tests (IL_Conformance and Directed), compiled by
/// the model JIT and run on each target. A test passes when its entry point returns 100 (the
/// tests' convention).
///
/// The tests are not part of this repository: `Tests/Conformance/sample.txt` lists the sample by
/// path below the JIT tests folder, and the run reads them from a checkout of that folder
/// (Tests/Conformance/README.md says where from, at which commit, and the sampling rules).
///
/// Every outcome is one of: a pass; a located `not supported` diagnostic (a feature the model
/// leaves out, reported at the IL that needs it); a located `invalid IL` diagnostic (IL the
/// model's verifier refuses, which CoreCLR runs leniently); or a failure — a wrong exit code, a
/// fault in generated code, a timeout, any other diagnostic — which is a bug of the model.
public enum Conformance {
    /// What one test did on one target.
    public enum Outcome: Sendable, Equatable {
        /// Exit code 100.
        case pass
        /// A located `unsupported` diagnostic (parse, import or runtime model).
        case notSupported(String)
        /// A located `invalid IL` diagnostic: IL the model's verifier refuses that CoreCLR runs
        /// (e.g. a byref passed where an int32 is expected, which CoreCLR truncates).
        case rejected(String)
        /// Anything else: a wrong exit code, a fault, a timeout, another diagnostic, a missing file.
        case failure(String)

        /// The one-word status printed in the per-test line.
        public var status: String {
            switch self {
            case .pass: "pass"
            case .notSupported: "not-supported"
            case .rejected: "rejected"
            case .failure: "FAIL"
            }
        }

        /// The diagnostic or the reason, empty for a pass.
        public var detail: String {
            switch self {
            case .pass: ""
            case .notSupported(let s), .rejected(let s), .failure(let s): s
            }
        }
    }

    /// One test's outcome on one target.
    public struct Result: Sendable {
        public var test: String
        public var arch: Arch
        public var outcome: Outcome
    }

    /// The pass count and rate of one target's results.
    public struct Tally: Sendable {
        public var arch: Arch
        public var total: Int
        public var passed: Int
        public var notSupported: Int
        public var rejected: Int
        public var failed: Int
        /// Passed / total, 0...1.
        public var rate: Double { total == 0 ? 0 : Double(passed) / Double(total) }
    }

    /// The sample's test paths (relative to the suite folder): the manifest's lines without
    /// comments (`#`) and blank lines.
    public static func sample(manifest: String) -> [String] {
        manifest.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Compiles and runs one test file on `arch`.
    public static func run(file: String, test: String, arch: Arch, timeout: Double = 20) -> Result {
        Result(test: test, arch: arch, outcome: outcome(file: file, arch: arch, timeout: timeout))
    }

    static func outcome(file: String, arch: Arch, timeout: Double) -> Outcome {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return .failure("\(file): the test file is missing (see Tests/Conformance/README.md)")
        }
        do {
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            var module = try ILParser.parse([SourceChunk(text: text, file: file)], assemblyName: name)
            // A library the test uses (`.assembly extern ConvDLL`), built beside it by CoreCLR's test
            // build, is compiled into the test's module here: the model runtime loads one module.
            let directory = (file as NSString).deletingLastPathComponent
            let libraries = module.externAssemblies.filter {
                !AssemblyResolution.isCoreLibAssembly($0) && FileManager.default.fileExists(atPath: "\(directory)/\($0).il")
            }
            if !libraries.isEmpty {
                var chunks = try libraries.map { lib -> SourceChunk in
                    let path = "\(directory)/\(lib).il"
                    return SourceChunk(text: try String(contentsOfFile: path, encoding: .utf8), file: path)
                }
                chunks.append(SourceChunk(text: text, file: file))
                module = try ILParser.parse(chunks, assemblyName: name)
                module.assemblyName = name
                module.mergedAssemblies = Set(libraries)
            }
            let r = try Runner.run(module: module, arch: arch, timeout: timeout)
            if let fault = r.fault { return .failure("fault: \(fault)") }
            if r.exitCode == 100 { return .pass }
            let tail = (r.stdout + r.stderr).split(separator: "\n").suffix(2).joined(separator: " | ")
            return .failure("exit code \(r.exitCode.map(String.init) ?? "none")\(tail.isEmpty ? "" : ": \(tail)")")
        } catch {
            let ds = error.diagnostics(defaultLocation: .synthetic(file))
            guard let d = ds.first(where: { $0.severity == .error }) ?? ds.first else { return .failure("\(error)") }
            let located = !d.location.file.hasPrefix("<")
            if d.kind == .unsupported && located { return .notSupported(d.description) }
            if d.kind == .invalidIL && located { return .rejected(d.description) }
            return .failure(d.description)
        }
    }

    /// The part of the sample a test belongs to: the first component of its path
    /// (`IL_Conformance`, `Directed`).
    public static func part(_ test: String) -> String {
        String(test.split(separator: "/").first ?? "")
    }

    /// Counts `results` of one target.
    public static func tally(_ results: [Result], arch: Arch) -> Tally {
        let mine = results.filter { $0.arch == arch }
        func count(_ p: (Outcome) -> Bool) -> Int { mine.filter { p($0.outcome) }.count }
        return Tally(arch: arch, total: mine.count,
                     passed: count { $0 == .pass },
                     notSupported: count { if case .notSupported = $0 { true } else { false } },
                     rejected: count { if case .rejected = $0 { true } else { false } },
                     failed: count { if case .failure = $0 { true } else { false } })
    }
}
