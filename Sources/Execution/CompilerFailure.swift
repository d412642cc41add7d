import Diagnostics
import Foundation
import JIT

/// What a failed C compile says, boiled down to one line and the Debian package likely missing.
///
/// A compiler that cannot find its C library prints one error per source file; a reader
/// needs the first one, where it is, and which package fixes it. `jitbook doctor` and the
/// runtime build both read compiler output through this type, so they name the same package.
struct CompilerFailure: Sendable, Equatable {
    /// The first `file:line:col: error: ...` line (or the first non-empty line when there is none).
    var firstError: String
    /// Where that error points, when the compiler printed a location.
    var location: SourceLocation?
    /// The Debian package that most likely fixes it, when the error is a known missing piece.
    var package: String?

    /// Reads a compiler's stderr; `arch` says which C library the compile needed.
    init(stderr: String, arch: Arch) {
        let lines = stderr.split(separator: "\n").map { String($0) }
        let errorLine = lines.first { $0.contains(": fatal error: ") || $0.contains(": error: ") }
            ?? lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "(no output)"
        var location: SourceLocation?
        var text = errorLine
        let parts = errorLine.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.count == 4, let line = Int(parts[1]), let column = Int(parts[2]) {
            location = SourceLocation(file: String(parts[0]), line: line, column: column)
            text = parts[3].trimmingCharacters(in: .whitespaces)
        }
        firstError = text
        self.location = location
        package = CompilerFailure.likelyPackage(stderr: stderr, arch: arch)
    }

    /// The package behind the usual "C library not installed" failures.
    ///
    /// A missing system header (`stdio.h`, `bits/...`), start file (`crt1.o`) or `-lc` means the
    /// C library's development files: libc6-dev natively, libc6-dev-arm64-cross for arm64
    /// (gcc-aarch64-linux-gnu only recommends it, so `--no-install-recommends` leaves it out).
    static func likelyPackage(stderr: String, arch: Arch) -> String? {
        let missingHeader = stderr.contains(".h: No such file or directory")
        let missingStartFiles = stderr.contains("cannot find crt1.o") || stderr.contains("cannot find crti.o")
            || stderr.contains("cannot find -lc")
        guard missingHeader || missingStartFiles else { return nil }
        return arch == .x64 ? "libc6-dev" : "libc6-dev-arm64-cross"
    }

    /// `...: fatal error: stdio.h: No such file or directory; install the Debian package P (...)`.
    var summary: String {
        guard let package else { return firstError }
        return "\(firstError); the C library headers are likely missing: install the Debian package \(package) "
            + "(apt-get install -y \(package), or run scripts/install-deps.sh)"
    }
}
