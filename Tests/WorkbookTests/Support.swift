import Diagnostics
import Foundation
@testable import Workbook

/// A scripted engine: actual text (or an error) per example label (`asm x64 P::M`).
/// Thread-safe like the real engine: BookTest verifies chapters in parallel.
final class FakeEngine: ExampleEngine, @unchecked Sendable {
    let outputs: [String: String]
    let errors: [String: Diagnostic]
    private let lock = NSLock()
    private var callCount = 0
    var calls: Int { lock.withLock { callCount } }

    init(outputs: [String: String] = [:], errors: [String: Diagnostic] = [:]) {
        self.outputs = outputs
        self.errors = errors
    }

    func actual(for example: Example, in chapter: Chapter) throws -> String {
        lock.withLock { callCount += 1 }
        if let e = errors[example.label] { throw e }
        return outputs[example.label] ?? ""
    }
}

/// The diagnostics a chapter text produces ("" when it parses).
func chapterErrors(_ text: String, path: String = "chapters/01-t.md") -> String {
    do {
        _ = try Chapter(source: text, path: path)
        return ""
    } catch let l as DiagnosticList {
        return l.description
    } catch {
        return "unexpected: \(error)"
    }
}
