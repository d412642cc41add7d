import Diagnostics
import Execution
import IL
import JIT

/// Small IL programs for the execution tests.
enum Programs {
    /// Parses a module from IL text (file name `test.il`).
    static func module(_ text: String) throws -> IL.Module {
        try ILParser.parse(text, file: "test.il")
    }

    /// A `Program` class with a `Main` (entry point) of the given signature and body, plus extra methods.
    static func program(main body: String, returns: String = "int32", params: String = "", extra: String = "") -> String {
        """
        .assembly test {}
        .class public Program {
          .method public static \(returns) Main(\(params)) {
            .entrypoint
            \(body)
          }
          \(extra)
        }
        """
    }

    /// Runs the program on `arch` and returns the result.
    static func run(_ text: String, _ arch: Arch, timeout: Double = 10) throws -> RunResult {
        try Runner.run(module: try module(text), arch: arch, timeout: timeout)
    }

    /// The first diagnostic an operation throws, if any.
    static func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch {
            return error.diagnostics(defaultLocation: .synthetic("test")).first
        }
    }
}
