import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-lived `jitbook-runtime --serve` process that runs many code images (batched runs).
///
/// Starting the runtime for each run costs an exec and, on arm64, a new qemu-aarch64 (about
/// 35 ms here, more than most of the book's programs run). A server is started once per runtime
/// binary and thread of work and forks a child per image (CRuntime/serve.c): each run is still
/// its own process, so a crash, a hang or an exhausted arena ends only that run, and the child
/// reports exactly what a runtime started on its own would. The server kills a child at its time
/// limit itself; this side only waits for the reply, with a grace period for a server that is
/// itself stuck.
final class RuntimeServer {
    private let pid: pid_t
    /// The server's stdin (requests) and stdout (replies), our ends.
    private let requests: Int32
    private let replies: Int32
    private var pending: [UInt8] = []
    private var stopped = false

    /// Seconds a reply may come after the run's own time limit before the server is given up.
    static let grace = 10.0

    private init(pid: pid_t, requests: Int32, replies: Int32) {
        self.pid = pid
        self.requests = requests
        self.replies = replies
    }

    /// Starts `executable arguments... --serve`; nil if it cannot be started.
    static func start(_ executable: String, _ arguments: [String]) -> RuntimeServer? {
        _ = ignoreBrokenPipes
        var toServer: [Int32] = [-1, -1], fromServer: [Int32] = [-1, -1]
        guard closeOnExecPipe(&toServer) else { return nil }
        guard closeOnExecPipe(&fromServer) else {
            close(toServer[0]); close(toServer[1])
            return nil
        }
        let pid = try? ChildProcess.spawn(executable, arguments + ["--serve"]) { actions in
            posix_spawn_file_actions_adddup2(&actions, toServer[0], 0)
            posix_spawn_file_actions_adddup2(&actions, fromServer[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        close(toServer[0])
        close(fromServer[1])
        guard let pid else {
            close(toServer[1]); close(fromServer[0])
            return nil
        }
        return RuntimeServer(pid: pid, requests: toServer[1], replies: fromServer[0])
    }

    /// Runs the image at `imagePath`; nil when the server failed (it is stopped then, and the caller
    /// runs the image in a process of its own instead).
    func run(imagePath: String, memoryMiB: Int, stats: Bool, timeout: Double) -> ChildProcess.Result? {
        guard !stopped else { return nil }
        return ChildProcess.withOutputFiles { outPath, errPath in
            let milliseconds = max(1, Int((timeout * 1000).rounded(.up)))
            let request = [String(memoryMiB), stats ? "1" : "0", String(milliseconds), outPath, errPath, imagePath]
            guard request.allSatisfy({ !$0.contains("\t") && !$0.contains("\n") }),
                  write(request.joined(separator: "\t") + "\n"),
                  let line = readLine(deadline: Date().addingTimeInterval(timeout + Self.grace)) else {
                stop()
                return nil
            }
            let status: ChildProcess.Status
            let parts = line.split(separator: " ", maxSplits: 1)
            switch (parts.first, parts.count > 1 ? Int32(parts[1]) : nil) {
            case ("exited", let code?): status = .exited(code)
            case ("signaled", let signal?): status = .signaled(signal)
            case ("timedout", _): status = .timedOut
            default:
                stop()
                return nil
            }
            return ChildProcess.result(status, stdout: outPath, stderr: errPath)
        }
    }

    /// Ends the server: closing its stdin ends its loop; the kill covers a server that is stuck.
    func stop() {
        guard !stopped else { return }
        stopped = true
        close(requests)
        close(replies)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(requests, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// The next reply line, or nil at the server's end of output or at `deadline`.
    private func readLine(deadline: Date) -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var fd = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fd, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { return nil }
            if ready == 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = buffer.withUnsafeMutableBytes { read(replies, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            pending += buffer[..<n]
        }
    }

    /// A pipe whose two ends are closed on exec (so that no other child of jitbook holds them open).
    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 = pipe2Call { return pipe2(&fds, O_CLOEXEC) == 0 }
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// glibc's `pipe2` (the Glibc module does not declare it), looked up as `ChildProcess` looks up `personality`.
    private static let pipe2Call: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()

    /// A write to a server that died must fail with EPIPE, not end jitbook with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN); return () }()
}

/// The idle servers, by the command that starts them (the runtime binary, under qemu or not).
///
/// A thread takes an idle server for one run and gives it back, so there are at most as many
/// servers of a kind as runs at once (one per core when the book is verified in parallel).
enum RuntimeServers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [[String]: [RuntimeServer]] = [:]
    nonisolated(unsafe) private static var failures = 0

    /// How many runs no server could take (each then ran in a runtime process of its own).
    static var failedRuns: Int { lock.withLock { failures } }

    /// Runs an image on a server of `command` (the executable, then its arguments before the
    /// server's own); nil when no server could run it, and the caller runs it on its own.
    static func run(_ command: [String], imagePath: String, memoryMiB: Int, stats: Bool,
                    timeout: Double) -> ChildProcess.Result? {
        let reused = lock.withLock { idle[command]?.popLast() }
        guard let server = reused ?? RuntimeServer.start(command[0], Array(command.dropFirst())),
              let result = server.run(imagePath: imagePath, memoryMiB: memoryMiB, stats: stats, timeout: timeout) else {
            lock.withLock { failures += 1 }
            return nil
        }
        lock.withLock { idle[command, default: []].append(server) }
        return result
    }
}
