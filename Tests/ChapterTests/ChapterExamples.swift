import Foundation
import Testing
import Diagnostics
import Workbook

/// One test case: an example of a chapter, or a chapter that failed to load.
///
/// Named `NN-slug.md:LINE` in test output so a failing case points straight at
/// the block in the book.
struct ChapterCase: Sendable, CustomTestStringConvertible {
    enum Content: Sendable {
        case example(Example, Chapter)
        case broken(file: String, diagnostics: [Diagnostic])
    }

    var content: Content

    var testDescription: String {
        switch content {
        case .example(let e, let c): "\(c.fileName):\(e.line)"
        case .broken(let file, _): "\(file.split(separator: "/").last.map(String.init) ?? file)"
        }
    }
}

/// Every example of every chapter in the package's `chapters/` directory.
enum ChapterExamples {
    /// The package root, found from this file's path (Tests/ChapterTests/ChapterExamples.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One engine for all cases, so each chapter module is parsed once.
    static let engine = JITEngine()

    static func all() -> [ChapterCase] {
        let book = Book(root: root)
        let files: [URL]
        do {
            files = try book.chapterFiles()
        } catch {
            return [ChapterCase(content: .broken(file: "chapters", diagnostics: error.diagnostics(
                defaultLocation: SourceLocation(file: "chapters", line: 1, column: 1))))]
        }
        var cases: [ChapterCase] = []
        for url in files {
            do {
                let chapter = try book.load(url)
                cases += chapter.examples.map { ChapterCase(content: .example($0, chapter)) }
            } catch {
                let path = book.displayPath(url)
                cases.append(ChapterCase(content: .broken(file: path, diagnostics: error.diagnostics(
                    defaultLocation: SourceLocation(file: path, line: 1, column: 1)))))
            }
        }
        return cases
    }
}
