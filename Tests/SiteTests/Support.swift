import Foundation
import Diagnostics
import JIT
import Workbook

/// Actual text or an error per example label, and debug info per label.
final class FakeEngine: ExampleEngine {
    var outputs: [String: String]
    var errors: [String: Diagnostic]
    var debug: [String: MethodDebugInfo]

    init(outputs: [String: String] = [:], errors: [String: Diagnostic] = [:], debug: [String: MethodDebugInfo] = [:]) {
        self.outputs = outputs
        self.errors = errors
        self.debug = debug
    }

    func actual(for example: Example, in chapter: Chapter) throws -> String {
        if let e = errors[example.label] { throw e }
        return outputs[example.label] ?? ""
    }

    func debugInfo(for example: Example, in chapter: Chapter) -> MethodDebugInfo? { debug[example.label] }
}

/// A temporary book: chapters and a theme, removed afterwards.
final class TempBook {
    let root: URL

    init(chapters: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-site-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("site/theme"), withIntermediateDirectories: true)
        for (name, text) in chapters {
            try Data(text.utf8).write(to: root.appendingPathComponent("chapters/\(name)"))
        }
        try Data("body{}".utf8).write(to: root.appendingPathComponent("site/theme/style.css"))
        try Data("//js".utf8).write(to: root.appendingPathComponent("site/theme/site.js"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var book: Book { Book(root: root) }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }
}
