import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Something a campaign found: an input that trapped, hung or broke the diagnostics contract.
public struct FuzzFinding: Sendable {
    /// A trap (the worker died), a confirmed hang, or a broken contract reported by the target.
    public enum Kind: String, Sendable {
        case crash, hang
        case violation
    }

    public var kind: Kind
    public var target: String
    /// The input's index in the (corpus, seed) stream: `jitbook fuzz --target T --seed S --start INDEX --runs 1` reruns it.
    public var index: UInt64
    public var input: [UInt8]
    /// What went wrong: the worker's last stderr lines for a crash, the message of a bad diagnostic.
    public var detail: String
    /// Where the input was saved, if an output directory was given.
    public var savedPath: String?
    /// Where the worker's whole stderr was saved beside the input (a crash's sanitizer report), if it was.
    public var stderrPath: String?
}

/// The figures of one target's campaign.
public struct FuzzReport: Sendable {
    public var target: String
    /// Inputs started, including the ones that trapped or hung.
    public var executions: Int
    /// Inputs the target accepted as valid (parsed, verified, compiled, matched the interpreter).
    public var accepted: Int
    /// Wall-clock time of the campaign, worker start-ups included.
    public var seconds: Double
    public var findings: [FuzzFinding]
    /// Inputs that went over the hang limit once but not when rerun alone (a stalled worker on a busy machine).
    public var unconfirmedHangs = 0

    public var crashes: Int { findings.filter { $0.kind == .crash }.count }
    public var hangs: Int { findings.filter { $0.kind == .hang }.count }
    public var violations: Int { findings.filter { $0.kind == .violation }.count }
    public var executionsPerSecond: Double { seconds > 0 ? Double(executions) / seconds : 0 }

    /// `il  12000 execs  3000/s  accepted 40  crashes 0  hangs 0  bad diagnostics 0`.
    public var line: String {
        let rate = String(format: executionsPerSecond < 10 ? "%.1f" : "%.0f", executionsPerSecond)
        return "\(target.padding(toLength: 12, withPad: " ", startingAt: 0)) \(executions) execs in "
            + String(format: "%.1f", seconds) + " s (\(rate)/s), accepted \(accepted), crashes \(crashes), hangs \(hangs), "
            + "violations \(violations)" + (unconfirmedHangs > 0 ? " (\(unconfirmedHangs) slow once, not on a rerun)" : "")
    }
}

/// Runs one target's inputs in worker processes, so that a trap or hang is caught and its input kept.
///
/// The worker (`FuzzWorker`, started by `workerCommand`) reports each input's index before
/// running it. When the worker dies, the input it was running is a crash; when one input
/// runs longer than `hangLimit` seconds, the worker is killed and the input is a hang.
/// Either way a new worker carries on from the next index, until the budget (`runs`
/// inputs or `seconds`) is spent. Inputs are regenerated here from their index.
public struct FuzzCampaign {
    public var target: FuzzTarget
    /// The input stream; the driver regenerates a finding's input from its index with it.
    public var mutator: Mutator
    /// The command that starts a worker at `start` for at most `runs` inputs or `seconds`.
    public var workerCommand: (_ start: UInt64, _ runs: Int?, _ seconds: Double?) -> (String, [String])
    /// Seconds one input may run before it is a hang (the target's limit unless changed).
    public var hangLimit: Double
    /// Findings are saved here as `TARGET-KIND-INDEX.txt` when set.
    public var outputDirectory: URL?

    public init(target: FuzzTarget, mutator: Mutator,
                workerCommand: @escaping (UInt64, Int?, Double?) -> (String, [String])) {
        self.target = target
        self.hangLimit = target.hangLimit
        self.mutator = mutator
        self.workerCommand = workerCommand
    }

    /// Runs inputs from index `first` until `runs` inputs ran or `seconds` passed (whichever is given;
    /// both: the first reached).
    public func run(runs: Int?, seconds: Double?, first: UInt64 = 0) throws -> FuzzReport {
        let start = Date()
        var report = FuzzReport(target: target.name, executions: 0, accepted: 0, seconds: 0, findings: [])
        var next = first
        while true {
            let remainingRuns = runs.map { $0 - report.executions }
            let remainingTime = seconds.map { $0 - Date().timeIntervalSince(start) }
            if let r = remainingRuns, r <= 0 { break }
            if let t = remainingTime, t <= 0 { break }
            let (exe, args) = workerCommand(next, remainingRuns, remainingTime)
            let worker = try WorkerProcess(executable: exe, arguments: args)
            var current: UInt64?
            var currentStart = Date()
            var ended = false
            var lineBuffer: [UInt8] = []
            var started = 0
            while !ended {
                let chunk = worker.read(timeoutMilliseconds: 50)
                if let chunk {
                    lineBuffer += chunk
                    while let nl = lineBuffer.firstIndex(of: 0x0A) {
                        let line = String(decoding: lineBuffer[..<nl], as: UTF8.self)
                        lineBuffer.removeSubrange(...nl)
                        if line.hasPrefix("> "), let i = UInt64(line.dropFirst(2)) {
                            current = i
                            currentStart = Date()
                            report.executions += 1
                            started += 1
                        } else if line == "a" || line == "r" {
                            if line == "a" { report.accepted += 1 }
                            if let c = current { next = c + 1 }
                            current = nil
                        } else if line.hasPrefix("! "), let c = current {
                            report.findings.append(finding(.violation, c, String(line.dropFirst(2))))
                        }
                    }
                } else if worker.atEnd {
                    let status = worker.wait()
                    if started == 0 && status != "exited with code 0" {
                        let tail = worker.stderrTail()
                        worker.cleanUp()
                        throw fuzzDriverError("the fuzz worker \(status) before running an input: \(tail)")
                    }
                    if let c = current {
                        let stderr = worker.stderrText()
                        let headline = Self.sanitizerHeadline(stderr).map { $0 + "\n" } ?? ""
                        let detail = "worker \(status); " + headline + "stderr:\n" + worker.stderrTail()
                        report.findings.append(finding(.crash, c, detail, stderr: stderr))
                        next = c + 1
                    }
                    ended = true
                }
                if !ended, let c = current, Date().timeIntervalSince(currentStart) > hangLimit {
                    worker.kill()
                    // On a loaded machine a worker can stall for seconds; only an input that is slow
                    // again in a fresh worker is a hang.
                    if try isSlowAgain(c) {
                        report.findings.append(finding(.hang, c, "ran longer than \(hangLimit) s, twice"))
                    } else {
                        report.unconfirmedHangs += 1
                    }
                    next = c + 1
                    ended = true
                }
            }
            worker.cleanUp()
            if let r = runs, report.executions >= r { break }
            // A worker that ran nothing (its time was up before it began) ends the campaign.
            if (seconds == nil && runs == nil) || started == 0 { break }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Reruns input `index` alone in a new worker: true when it again takes longer than the hang limit.
    private func isSlowAgain(_ index: UInt64) throws -> Bool {
        let (exe, args) = workerCommand(index, 1, nil)
        let worker = try WorkerProcess(executable: exe, arguments: args)
        defer { worker.cleanUp() }
        var started: Date?
        var buffer: [UInt8] = []
        while true {
            if let chunk = worker.read(timeoutMilliseconds: 50) {
                buffer += chunk
                let text = String(decoding: buffer, as: UTF8.self)
                if started == nil && text.hasPrefix("> ") { started = Date() }
                if text.hasSuffix("\na\n") || text.hasSuffix("\nr\n") { return false }
            } else if worker.atEnd {
                return false
            }
            if let started, Date().timeIntervalSince(started) > hangLimit { return true }
        }
    }

    /// A finding for input `index`, saved to the output directory when there is one (`TARGET-KIND-INDEX.txt`,
    /// and the worker's stderr, when given, as `TARGET-KIND-INDEX.stderr.txt`).
    private func finding(_ kind: FuzzFinding.Kind, _ index: UInt64, _ detail: String, stderr: String? = nil) -> FuzzFinding {
        let input = mutator.input(index)
        var f = FuzzFinding(kind: kind, target: target.name, index: index, input: input, detail: detail)
        if let dir = outputDirectory {
            let base = "\(target.name)-\(kind.rawValue)-\(index)"
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let url = dir.appendingPathComponent(base + ".txt")
            if (try? Data(input).write(to: url)) != nil { f.savedPath = url.path }
            if let stderr {
                let errURL = dir.appendingPathComponent(base + ".stderr.txt")
                if (try? Data(stderr.utf8).write(to: errURL)) != nil { f.stderrPath = errURL.path }
            }
        }
        return f
    }

    /// The first line of a sanitizer's report in a worker's stderr (AddressSanitizer, ThreadSanitizer,
    /// UndefinedBehaviorSanitizer), which a 12-line tail of a long report would cut off.
    static func sanitizerHeadline(_ stderr: String) -> String? {
        stderr.split(separator: "\n").first {
            $0.contains("ERROR: AddressSanitizer") || $0.contains("WARNING: ThreadSanitizer")
                || $0.contains("ERROR: LeakSanitizer") || $0.contains(": runtime error: ")
        }.map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// The same campaign without process isolation: for tests over known-clean seeds (a trap ends the caller).
    public func runInProcess(runs: Int) -> FuzzReport {
        let start = Date()
        var report = FuzzReport(target: target.name, executions: 0, accepted: 0, seconds: 0, findings: [])
        for index in 0..<UInt64(runs) {
            let outcome = target.execute(mutator.input(index), index)
            report.executions += 1
            if outcome.accepted { report.accepted += 1 }
            for message in outcome.violations { report.findings.append(finding(.violation, index, message)) }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}

/// A worker child process: stdout through a pipe, stderr to a temporary file.
final class WorkerProcess {
    let pid: pid_t
    private let readFD: Int32
    private let stderrPath: String
    private(set) var atEnd = false
    private var reaped: Int32?

    init(executable: String, arguments: [String]) throws {
        var fds: [Int32] = [0, 0]
        // Close-on-exec: another worker started meanwhile (tests run campaigns in parallel) must not
        // inherit this pipe's write end and hold it open after this worker is gone.
        guard pipe(&fds) == 0 else { throw fuzzDriverError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        stderrPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("jitbook-fuzz-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A trap should end the worker at once: no backtrace symbolication (seconds per crash).
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            throw fuzzDriverError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        readFD = fds[0]
    }

    /// Bytes the worker wrote, nil when none came within the timeout or the pipe closed.
    func read(timeoutMilliseconds: Int32) -> [UInt8]? {
        guard !atEnd else { return nil }
        var p = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, timeoutMilliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(readFD, $0.baseAddress, $0.count) }
        if n <= 0 {
            if n < 0 && errno == EINTR { return nil }
            atEnd = true
            return nil
        }
        return Array(buffer[..<n])
    }

    /// Waits for the worker to end and describes how it ended.
    @discardableResult
    func wait() -> String {
        var status: Int32 = 0
        if reaped == nil {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = status
        }
        let s = reaped ?? 0
        let signal = s & 0x7F
        return signal == 0 ? "exited with code \((s >> 8) & 0xFF)" : "killed by signal \(signal)"
    }

    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        wait()
    }

    /// The last lines the worker wrote to stderr (a trap's `Fatal error: ...` message).
    func stderrTail() -> String {
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(12).joined(separator: "\n")
    }

    /// Everything the worker wrote to stderr.
    func stderrText() -> String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    func cleanUp() {
        if reaped == nil { kill() }
        close(readFD)
        unlink(stderrPath)
    }
}

/// An error of the fuzz driver itself (a worker could not be started or failed at once).
func fuzzDriverError(_ message: String) -> Diagnostic {
    Diagnostic(.environment, at: .synthetic("jitbook fuzz"), message)
}
