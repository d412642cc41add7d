import Foundation
import Testing
@testable import Workbook

/// `jitbook test`'s pass cache: an unchanged, all-passing chapter is not verified again; any change
/// to its bytes or to the engine's version verifies it; stale and failing chapters are never stored.
@Suite struct PassCacheTests {
    static let passing = "# A\n\n```il\nIL\n```\n\n```asm x64 P::M\nok\n```\n"
    static let stale = "# B\n\n```il\nIL\n```\n\n```asm x64 P::M\nold\n```\n"

    func setUp() throws -> (TempDir, PassCache) {
        let dir = try TempDir()
        try dir.write("chapters/01-a.md", Self.passing)
        try dir.write("chapters/02-b.md", Self.stale)
        return (dir, PassCache(directory: dir.url.appendingPathComponent("cache"), version: "v1"))
    }

    @Test func anUnchangedPassingChapterIsNotVerifiedAgain() throws {
        let (dir, cache) = try setUp()
        let book = Book(root: dir.url)
        let first = FakeEngine(outputs: ["asm x64 P::M": "ok\n"])
        let r1 = try BookTest(book: book, engine: first, cache: cache).run(chapters: [])
        #expect(first.calls == 2)
        #expect((r1.passed, r1.failed) == (1, 1))
        let second = FakeEngine(outputs: ["asm x64 P::M": "ok\n"])
        let r2 = try BookTest(book: book, engine: second, cache: cache).run(chapters: [])
        // Only the stale chapter is verified again; the report reads the same.
        #expect(second.calls == 1)
        #expect(r2.log == r1.log)
        #expect((r2.passed, r2.failed) == (1, 1))
    }

    @Test func anEditOrANewEngineVerifiesAgain() throws {
        let (dir, cache) = try setUp()
        let book = Book(root: dir.url)
        _ = try BookTest(book: book, engine: FakeEngine(outputs: ["asm x64 P::M": "ok\n"]), cache: cache).run(chapters: ["01-a.md"])
        // A one-byte edit in prose.
        try dir.write("chapters/01-a.md", Self.passing.replacingOccurrences(of: "# A", with: "# a"))
        let edited = FakeEngine(outputs: ["asm x64 P::M": "ok\n"])
        _ = try BookTest(book: book, engine: edited, cache: cache).run(chapters: ["01-a.md"])
        #expect(edited.calls == 1)
        // A new engine version (a rebuilt jitbook, an edited CoreLib or C runtime).
        let rebuilt = FakeEngine(outputs: ["asm x64 P::M": "changed\n"])
        let r = try BookTest(book: book, engine: rebuilt, cache: PassCache(directory: cache.directory, version: "v2")).run(chapters: ["01-a.md"])
        #expect(rebuilt.calls == 1)
        #expect(r.failed == 1)
    }

    @Test func anEntryIsUsedOnlyForTheExactTextAndVersion() throws {
        let (dir, cache) = try setUp()
        let text = Data(Self.passing.utf8)
        cache.store(path: "chapters/01-a.md", text: text, log: "ok   chapters/01-a.md:7 asm x64 P::M\n")
        #expect(cache.lookup(path: "chapters/01-a.md", text: text) == "ok   chapters/01-a.md:7 asm x64 P::M\n")
        #expect(cache.lookup(path: "chapters/01-a.md", text: text + Data(" ".utf8)) == nil)
        #expect(cache.lookup(path: "chapters/09-a.md", text: text) == nil)
        #expect(PassCache(directory: cache.directory, version: "v2").lookup(path: "chapters/01-a.md", text: text) == nil)
        // A truncated entry is a miss, not a crash.
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.directory.path) {
            let url = cache.directory.appendingPathComponent(name)
            try Data(try Data(contentsOf: url).prefix(30)).write(to: url)
        }
        #expect(cache.lookup(path: "chapters/01-a.md", text: text) == nil)
        _ = dir
    }

    @Test func theEngineVersionIsStableWithinAProcess() {
        #expect(PassCache.engineVersion() == PassCache.engineVersion())
        #expect(PassCache.engineVersion().count == 16)
        // Settings that decide outcomes (the run timeout) are part of the version.
        #expect(PassCache.standard(settings: "run-timeout=10.0").version != PassCache.standard(settings: "run-timeout=5.0").version)
    }

    /// The engine's run limits (`--run-timeout`, `--run-memory`) are in the settings `jitbook test` keys on.
    @Test func theRunLimitsAreInTheKey() {
        let base = JITEngine().cacheSettings
        #expect(base == "run-timeout=10.0 run-memory=256")
        #expect(JITEngine(runTimeout: 5).cacheSettings != base)
        #expect(JITEngine(runMemory: 64).cacheSettings != base)
        #expect(PassCache.standard(settings: JITEngine(runMemory: 64).cacheSettings).version
                != PassCache.standard(settings: base).version)
    }
}
