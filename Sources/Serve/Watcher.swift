import Foundation

/// Polls the book for `jitbook serve`: chapters and theme through `LiveSite.refresh()`, and the
/// jitbook executable itself, whose change means the JIT was rebuilt.
///
/// Polling (every `interval` seconds) rather than inotify keeps it portable and simple; a stat of
/// a dozen files costs microseconds.
public struct Watcher: Sendable {
    public var site: LiveSite
    public var interval: Double
    /// The executable to watch (nil: none).
    public var executable: String?

    public init(site: LiveSite, interval: Double = 0.25, executable: String? = Watcher.currentExecutable) {
        self.site = site
        self.interval = interval
        self.executable = executable
    }

    /// The running jitbook binary.
    public static var currentExecutable: String? {
        Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    /// `(modification time, size)` of a file, nil when it is missing.
    static func stamp(_ path: String) -> [Double]? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return [(a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0, Double((a[.size] as? NSNumber)?.intValue ?? 0)]
    }

    /// Runs until cancelled: calls `report` after every refresh that changed something, and
    /// `rebuilt` once the executable changed and then stayed the same for two polls (the linker is done).
    public func run(report: @Sendable (LiveSite.Refresh) -> Void, failed: @Sendable (Error) -> Void,
                    rebuilt: @Sendable () -> Void) async {
        let initial = executable.flatMap(Self.stamp)
        var pending: [Double]?
        var steady = 0
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            do {
                let r = try site.refresh()
                if r.changed { report(r) }
            } catch {
                failed(error)
            }
            guard let exe = executable else { continue }
            let now = Self.stamp(exe)
            if now != nil && now != initial {
                steady = now == pending ? steady + 1 : 0
                pending = now
                if steady >= 2 { rebuilt(); return }
            }
        }
    }
}
