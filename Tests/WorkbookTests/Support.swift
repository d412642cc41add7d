import Diagnostics
@testable import Workbook

/// A scripted engine: actual text (or an error) per example label (`asm x64 P::M`).
final class FakeEngine: ExampleEngine {
    var outputs: [String: String]
    var errors: [String: Diagnostic]
    private(set) var calls = 0

    init(outputs: [String: String] = [:], errors: [String: Diagnostic] = [:]) {
        self.outputs = outputs
        self.errors = errors
    }

    func actual(for example: Example, in chapter: Chapter) throws -> String {
        calls += 1
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
