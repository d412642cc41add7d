import Foundation
import Diagnostics
import Site
import Workbook

/// The site kept in memory for `jitbook serve`: every chapter verified once, then only the
/// chapters whose files change are verified again.
///
/// `refresh()` compares each chapter file's modification time, size and text with what it
/// last rendered; a changed chapter is re-verified (the engine's caches make a prose-only edit
/// cost no compilation), an added or removed one changes the table of contents, and the pages
/// are rebuilt from the verified chapters. Each change bumps `version`, which the pages'
/// reload script waits on. Thread-safe.
public final class LiveSite: @unchecked Sendable {
    public let renderer: SiteRenderer
    private let lock = NSLock()
    private var states: [ChapterState] = []
    private var stamps: [String: Stamp] = [:]
    private var themeStamp: [String: Stamp] = [:]
    private var pages: [String: Data] = [:]
    private var currentVersion = 0
    private var lastReport = RenderReport()

    /// What identifies a file's contents cheaply: modification time and size (and the text, for chapters).
    struct Stamp: Equatable {
        var modified: Date
        var size: Int
        var text: String?
    }

    /// What one refresh did.
    public struct Refresh: Sendable {
        /// Chapters re-verified (added or changed), as display paths.
        public var reverified: [String] = []
        public var removed: [String] = []
        public var themeChanged = false
        /// Wall time of the refresh in seconds (verification and page rebuild).
        public var seconds: Double = 0
        public var changed: Bool { !reverified.isEmpty || !removed.isEmpty || themeChanged }
    }

    public init(renderer: SiteRenderer) {
        self.renderer = renderer
    }

    /// The number of changes seen so far (0 before the first build).
    public var version: Int { lock.withLock { currentVersion } }

    /// The report of the last build: counts, stale warnings, errors.
    public var report: RenderReport { lock.withLock { lastReport } }

    /// A rendered file (`index.html`, `methods/x.html`, `search-index.js`) or a theme file.
    public func file(_ path: String) -> Data? {
        if let d = lock.withLock({ pages[path] }) { return d }
        guard path.hasPrefix("theme/"), !path.contains(".."), !path.dropFirst(6).contains("/") else { return nil }
        return try? Data(contentsOf: renderer.themeDirectory.appendingPathComponent(String(path.dropFirst(6))))
    }

    /// Checks `chapters/` and the theme, re-verifies what changed and rebuilds the pages.
    @discardableResult
    public func refresh() throws -> Refresh {
        let start = Date()
        var r = Refresh()
        let files = try renderer.book.chapterFiles()
        let fm = FileManager.default
        var newStamps: [String: Stamp] = [:]
        for url in files {
            let attrs = try? fm.attributesOfItem(atPath: url.path)
            let modified = attrs?[.modificationDate] as? Date ?? .distantPast
            let size = (attrs?[.size] as? NSNumber)?.intValue ?? -1
            let old = lock.withLock { stamps[url.path] }
            if let old, old.modified == modified, old.size == size {
                newStamps[url.path] = old
                continue
            }
            let text = try? String(contentsOf: url, encoding: .utf8)
            newStamps[url.path] = Stamp(modified: modified, size: size, text: text)
            if old == nil || old?.text != text || text == nil { r.reverified.append(url.path) }
        }
        let previous = lock.withLock { states }
        r.removed = previous.map(\.url.path).filter { newStamps[$0] == nil }
        let theme = Self.themeStamps(renderer.themeDirectory)
        r.themeChanged = lock.withLock { !themeStamp.isEmpty && themeStamp != theme }
        let firstBuild = lock.withLock { currentVersion == 0 }
        guard r.changed || firstBuild else {
            lock.withLock { stamps = newStamps }
            return r
        }
        // Verify outside the lock: pages keep being served from the previous build meanwhile.
        var byPath: [String: ChapterState] = [:]
        for s in previous { byPath[s.url.path] = s }
        for path in r.reverified { byPath[path] = renderer.state(of: URL(fileURLWithPath: path)) }
        let next = files.compactMap { byPath[$0.path] }
        var report = RenderReport()
        let rendered = renderer.pages(from: next, report: &report)
        var map: [String: Data] = [:]
        for p in rendered { map[p.path] = Data(p.html.utf8) }
        lock.withLock {
            states = next
            stamps = newStamps
            themeStamp = theme
            pages = map
            lastReport = report
            currentVersion += 1
        }
        r.reverified = r.reverified.map { renderer.book.displayPath(URL(fileURLWithPath: $0)) }
        r.removed = r.removed.map { renderer.book.displayPath(URL(fileURLWithPath: $0)) }
        r.seconds = Date().timeIntervalSince(start)
        return r
    }

    static func themeStamps(_ dir: URL) -> [String: Stamp] {
        let fm = FileManager.default
        var out: [String: Stamp] = [:]
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasPrefix(".") {
            let attrs = try? fm.attributesOfItem(atPath: dir.appendingPathComponent(name).path)
            out[name] = Stamp(modified: attrs?[.modificationDate] as? Date ?? .distantPast,
                              size: (attrs?[.size] as? NSNumber)?.intValue ?? -1, text: nil)
        }
        return out
    }

    /// Waits (polling every 50 ms) until `version` differs from `seen` or `timeout` passes; returns the version.
    public func waitForChange(from seen: Int, timeout: Double) async -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let v = version
            if v != seen { return v }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return version
    }
}
