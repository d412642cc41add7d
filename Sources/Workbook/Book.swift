import Foundation
import Diagnostics

/// The book on disk: a root directory with `chapters/*.md`.
///
/// Every CLI subcommand starts here: it finds the chapters (in name order) or
/// resolves the chapter arguments the user gave, and loads them with paths
/// printed as `chapters/NN-slug.md` relative to the root.
public struct Book: Sendable {
    /// The directory that contains `chapters/` (and `site/`).
    public var root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// `<root>/chapters`.
    public var chaptersDirectory: URL { root.appendingPathComponent("chapters") }

    /// Every `chapters/*.md`, sorted by file name; empty when the directory does not exist.
    public func chapterFiles() throws -> [URL] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: chaptersDirectory.path, isDirectory: &isDir), isDir.boolValue else { return [] }
        let names = try fm.contentsOfDirectory(atPath: chaptersDirectory.path)
        return names.filter { $0.hasSuffix(".md") }.sorted().map { chaptersDirectory.appendingPathComponent($0) }
    }

    /// Resolves command-line chapter arguments: a path (relative to the current directory), or a
    /// file name or stem inside `chapters/`. No arguments means every chapter.
    public func resolve(_ arguments: [String]) throws -> [URL] {
        if arguments.isEmpty { return try chapterFiles() }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
        return try arguments.map { arg in
            let candidates = [
                URL(fileURLWithPath: arg, relativeTo: cwd),
                root.appendingPathComponent(arg),
                chaptersDirectory.appendingPathComponent(arg),
                chaptersDirectory.appendingPathComponent(arg + ".md"),
            ]
            guard let found = candidates.first(where: { fm.fileExists(atPath: $0.path) && $0.pathExtension == "md" }) else {
                throw Diagnostic(.environment, at: SourceLocation(file: arg, line: 1, column: 1),
                                 "no such chapter (looked in the current directory and \(displayPath(chaptersDirectory)))")
            }
            return found.standardizedFileURL
        }
    }

    /// `chapters/NN-x.md` for a chapter file under the root, else the path as given.
    public func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }

    /// Loads one chapter.
    public func load(_ url: URL) throws -> Chapter {
        try Chapter.load(contentsOf: url, path: displayPath(url))
    }
}
