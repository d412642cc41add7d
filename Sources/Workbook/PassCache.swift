import Execution
import Foundation
import Runtime

/// Chapters that passed `jitbook test`, remembered across runs, so an unchanged book verifies at once.
///
/// An entry is keyed on the chapter's path and bytes and on the engine's version (the jitbook
/// executable, the model CoreLib and the C runtime's sources), and holds the chapter's status
/// lines. Only chapters whose every example passed are stored: a stale or failing chapter is the
/// one a reader is working on, and is verified again each time. An entry stores the chapter text
/// it was made from and is used only when that text is byte-identical, so a hash collision can
/// never pass a changed chapter. Entries are written with `AtomicFile`, as bless writes chapters.
public struct PassCache: Sendable {
    /// The directory holding the entries (`$XDG_CACHE_HOME/jitbook/test`, else `~/.cache/jitbook/test`).
    public let directory: URL
    /// The engine's version: part of every key.
    public let version: String

    private static let header = "jitbook pass cache 1"

    public init(directory: URL, version: String) {
        self.directory = directory
        self.version = version
    }

    /// The cache in the user's cache directory, for the running executable's engine.
    ///
    /// `settings` names what else decides an outcome (the run timeout and memory limit): a chapter that passed under
    /// one setting is verified again under another.
    public static func standard(settings: String = "") -> PassCache {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        let version = settings.isEmpty ? engineVersion() : engineVersion() + " " + settings
        return PassCache(directory: base.appendingPathComponent("jitbook/test"), version: version)
    }

    /// The status lines recorded for this chapter text, or nil when there is no entry for it.
    public func lookup(path: String, text: Data) -> String? {
        guard let data = try? Data(contentsOf: entry(path: path, text: text)) else { return nil }
        // header \n version \n path \n byte count \n text log
        var fields: [Data] = []
        var rest = data[...]
        for _ in 0..<4 {
            guard let nl = rest.firstIndex(of: 0x0A) else { return nil }
            fields.append(Data(rest[rest.startIndex..<nl]))
            rest = rest[(nl + 1)...]
        }
        guard String(decoding: fields[0], as: UTF8.self) == Self.header,
              String(decoding: fields[1], as: UTF8.self) == version,
              String(decoding: fields[2], as: UTF8.self) == path,
              let count = Int(String(decoding: fields[3], as: UTF8.self)), count == text.count, rest.count >= count,
              rest.prefix(count) == text[...] else { return nil }
        return String(decoding: rest.dropFirst(count), as: UTF8.self)
    }

    /// Records the status lines of a chapter whose every example passed. Failures to write are ignored
    /// (the cache only saves time).
    public func store(path: String, text: Data, log: String) {
        let url = entry(path: path, text: text)
        var data = Data("\(Self.header)\n\(version)\n\(path)\n\(text.count)\n".utf8)
        data.append(text)
        data.append(Data(log.utf8))
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: url, displayPath: url.path)
    }

    private func entry(path: String, text: Data) -> URL {
        var h = FNV1a()
        h.add(version)
        h.add(path)
        h.add(text)
        return directory.appendingPathComponent(h.hex)
    }

    /// The engine's version: the executable (path, size, modification time, inode) and the bytes of
    /// the model CoreLib and of the C runtime's sources, which ship beside it and can change alone.
    public static func engineVersion() -> String {
        var h = FNV1a()
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        h.add(exe)
        var st = stat()
        if stat(exe, &st) == 0 {
            h.add("\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)")
        }
        for url in CoreLib.sourceURLs() {
            h.add(url.flatMap { try? Data(contentsOf: $0) } ?? Data("missing".utf8))
        }
        if let dir = try? RuntimeSources.directory(),
           let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
            for f in files.sorted() {
                h.add(f)
                h.add((try? Data(contentsOf: dir.appendingPathComponent(f))) ?? Data())
            }
        }
        return h.hex
    }
}
