import Foundation
import Diagnostics

/// A file the tangler produces, relative to the output directory.
public struct TangledFile: Sendable, Hashable {
    public var path: String
    public var contents: String
}

/// Pulls a chapter's code out of the Markdown: one `.il` file per module, one file per expectation.
///
/// Layout under the output directory, per chapter stem:
/// `<stem>/<module>.il` (the accumulated IL, each chunk preceded by a
/// `// chapters/NN-x.md:LINE` comment naming its first line),
/// `<stem>/L<line>-<kind>-<arch-or-phase>-<method>.txt` (the expected text), and
/// `<stem>/manifest.txt` (one tab-separated line per file: file, origin, what).
public enum Tangler {
    /// The files for one chapter, in document order, manifest last.
    public static func files(for chapter: Chapter) -> [TangledFile] {
        let dir = chapter.stem
        var files: [TangledFile] = []
        var manifest = ""
        for module in chapter.modules {
            var text = ""
            for chunk in module.chunks {
                text += "// \(chunk.file):\(chunk.firstLine)\n" + chunk.text
                if !chunk.text.isEmpty && !chunk.text.hasSuffix("\n") { text += "\n" }
            }
            let name = "\(module.name).il"
            files.append(TangledFile(path: "\(dir)/\(name)", contents: text))
            let origins = module.chunks.map { "\($0.file):\($0.firstLine)" }.joined(separator: ",")
            manifest += "\(name)\t\(origins)\til module=\(module.name)\n"
        }
        for example in chapter.examples {
            let name = fileName(for: example)
            files.append(TangledFile(path: "\(dir)/\(name)", contents: example.expected))
            manifest += "\(name)\t\(example.origin)\t\(example.label)\n"
        }
        files.append(TangledFile(path: "\(dir)/manifest.txt", contents: manifest))
        return files
    }

    /// `L41-asm-x64-Program__Add.txt`, `L60-ir-morph-Program__Add.txt`, `L80-run-all.txt`.
    public static func fileName(for example: Example) -> String {
        var parts = ["L\(example.line)", example.kind.word]
        switch example.kind {
        case .asm(let a): parts.append(a.rawValue)
        case .ir(let p): parts.append(p.rawValue)
        case .run(let a): parts.append(a?.rawValue ?? "all")
        case .aot(let a): parts.append(a.rawValue)
        }
        if let m = example.method { parts.append(sanitize(m.description)) }
        return parts.joined(separator: "-") + ".txt"
    }

    /// Keeps letters, digits, `.`, `_` and `-`; every other character becomes `_`.
    public static func sanitize(_ s: String) -> String {
        String(s.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "._-".contains($0) ? $0 : "_" })
    }

    /// Writes the files of every chapter under `directory`; returns the paths written (relative).
    @discardableResult
    public static func write(_ chapters: [Chapter], to directory: URL) throws -> [String] {
        var written: [String] = []
        for chapter in chapters {
            for file in files(for: chapter) {
                let url = directory.appendingPathComponent(file.path)
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try Data(file.contents.utf8).write(to: url)
                } catch {
                    throw Diagnostic(.environment, at: SourceLocation(file: url.path, line: 1, column: 1),
                                     "cannot write tangled file: \(error.localizedDescription)")
                }
                written.append(file.path)
            }
        }
        return written
    }
}
