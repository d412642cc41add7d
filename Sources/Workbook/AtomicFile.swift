import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's contents all at once: a temporary file beside it, then `rename(2)`.
///
/// Bless rewrites chapters in place; a crash, a full disk or an interrupt half way through a
/// plain write would leave a truncated chapter. With a rename the chapter is either the old
/// text or the new one. The file keeps its permissions, and a symbolic link keeps pointing at
/// the file it named (the link's target is replaced, not the link).
public enum AtomicFile {
    /// Writes `data` to `url` atomically; errors are `.environment` diagnostics located at `displayPath`.
    public static func write(_ data: Data, to url: URL, displayPath: String) throws {
        let target = url.resolvingSymlinksInPath()
        let dir = target.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(target.lastPathComponent).jitbook-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        func fail(_ what: String) -> Diagnostic {
            Diagnostic(.environment, at: SourceLocation(file: displayPath, line: 1, column: 1), "cannot write chapter: \(what)")
        }
        var mode: mode_t = 0o644
        var st = stat()
        if stat(target.path, &st) == 0 { mode = st.st_mode & 0o7777 }
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; return }
                offset += n
            }
        }
        let savedErrno = errno
        ok = ok && fsync(fd) == 0
        _ = fchmod(fd, mode)
        close(fd)
        guard ok else {
            unlink(temp.path)
            throw fail(String(cString: strerror(savedErrno)))
        }
        guard rename(temp.path, target.path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temp.path)
            throw fail(message)
        }
    }
}
