import Foundation
import Testing
@testable import Serve
import Site
import Workbook

/// Counts `actual` calls per chapter, so tests see which chapters were re-verified.
final class CountingEngine: ExampleEngine, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String: Int] = [:]

    func actual(for example: Example, in chapter: Chapter) throws -> String {
        lock.withLock { calls[chapter.path, default: 0] += 1 }
        return example.expected
    }

    func count(_ path: String) -> Int { lock.withLock { calls[path] ?? 0 } }
}

/// A scratch book with two chapters and a theme.
final class ScratchBook {
    let root: URL
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-serve-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("site/theme"), withIntermediateDirectories: true)
        try write("chapters/01-one.md", "# One\n\n```il\n.method static int32 A() { ldc.i4.1 ret }\n```\n\n```asm x64 Program::A\nret\n```\n")
        try write("chapters/02-two.md", "# Two\n\nText.\n")
        try write("site/theme/style.css", "body{}")
        try write("site/theme/site.js", "//js")
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }
    /// Sets a file's modification time forward, as a later save would.
    func touch(_ path: String, seconds: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(seconds)],
                                              ofItemAtPath: root.appendingPathComponent(path).path)
    }
    var book: Book { Book(root: root) }
}

@Suite struct LiveSiteTests {
    @Test func firstRefreshVerifiesEverythingThenNothingUntilAChange() throws {
        let b = try ScratchBook()
        let engine = CountingEngine()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: engine))
        let first = try site.refresh()
        #expect(first.reverified == ["chapters/01-one.md", "chapters/02-two.md"])
        #expect(site.version == 1)
        #expect(engine.count("chapters/01-one.md") == 1)
        let idle = try site.refresh()
        #expect(!idle.changed)
        #expect(site.version == 1)
        #expect(engine.count("chapters/01-one.md") == 1)
        #expect(String(decoding: try #require(site.file("index.html")), as: UTF8.self).contains("Two"))
    }

    @Test func onlyTheChangedChapterIsVerifiedAgain() throws {
        let b = try ScratchBook()
        let engine = CountingEngine()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: engine))
        try site.refresh()
        try b.write("chapters/02-two.md", "# Two, edited\n\nMore text.\n")
        try b.touch("chapters/02-two.md", seconds: 5)
        let r = try site.refresh()
        #expect(r.reverified == ["chapters/02-two.md"])
        #expect(engine.count("chapters/01-one.md") == 1)
        #expect(site.version == 2)
        let page = String(decoding: try #require(site.file("02-two.html")), as: UTF8.self)
        #expect(page.contains("More text."))
        // The other chapter's sidebar shows the new title too: every page is rebuilt.
        #expect(String(decoding: try #require(site.file("01-one.html")), as: UTF8.self).contains("Two, edited"))
    }

    @Test func savingTheSameTextIsNoChange() throws {
        let b = try ScratchBook()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: CountingEngine()))
        try site.refresh()
        try b.touch("chapters/02-two.md", seconds: 5)
        #expect(!(try site.refresh()).changed)
    }

    @Test func addedRemovedChaptersAndThemeChanges() throws {
        let b = try ScratchBook()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: CountingEngine()))
        try site.refresh()
        try b.write("chapters/03-three.md", "# Three\n")
        #expect(try site.refresh().reverified == ["chapters/03-three.md"])
        try FileManager.default.removeItem(at: b.root.appendingPathComponent("chapters/01-one.md"))
        let r = try site.refresh()
        #expect(r.removed == ["chapters/01-one.md"])
        #expect(site.file("01-one.html") == nil)
        try b.write("site/theme/style.css", "body{color:red}")
        try b.touch("site/theme/style.css", seconds: 5)
        #expect(try site.refresh().themeChanged)
        #expect(site.file("theme/style.css") == Data("body{color:red}".utf8))
        #expect(site.file("theme/../chapters/02-two.md") == nil)
    }

    @Test func waitingReturnsOnChangeOrTimeout() async throws {
        let b = try ScratchBook()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: CountingEngine()))
        try site.refresh()
        let start = Date()
        #expect(await site.waitForChange(from: 1, timeout: 0.2) == 1)
        #expect(Date().timeIntervalSince(start) >= 0.19)
        #expect(await site.waitForChange(from: 0, timeout: 5) == 1)
    }
}
