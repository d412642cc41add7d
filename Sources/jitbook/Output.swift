import ArgumentParser
import Diagnostics
import Foundation

/// Printing to stdout/stderr and turning errors into exit codes.
enum Output {
    /// Writes `text` (plus a newline if missing) to stdout.
    static func out(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes `text` (plus a newline if missing) to stderr.
    static func error(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints diagnostics to stderr, one `file:line:col: error: message` per line.
    static func diagnostics(_ diags: [Diagnostic]) {
        for d in diags { error(d.description) }
    }

    /// Prints an error (from parsing or from a command) and returns the exit code for it:
    /// 0 for help requests, 2 for usage errors, 1 for everything else.
    static func report(_ err: Error) -> Int32 {
        if let code = err as? ExitCode { return code.rawValue }
        if err is Diagnostic || err is DiagnosticList {
            diagnostics(err.diagnostics(defaultLocation: .synthetic("jitbook")))
            return 1
        }
        let code = Jitbook.exitCode(for: err)
        if code == .success {
            out(Jitbook.fullMessage(for: err))
            return 0
        }
        error(Jitbook.fullMessage(for: err))
        return code == .validationFailure ? 2 : 1
    }
}
