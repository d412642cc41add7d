import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a child process with a time limit, capturing stdout and stderr.
///
/// Output goes to temporary files (no pipes to drain, so a chatty child cannot
/// block); the parent polls `waitpid` and sends SIGKILL when the time is up. Public so that
/// other bounded children (headless Chromium in the site tests) use the same machinery.
public enum ChildProcess {
    /// How the child ended.
    public enum Status: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    /// The child's status and everything it wrote.
    public struct Result: Sendable {
        public var status: Status
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` (a path) with `arguments`, killing it after `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> Result {
        try withOutputFiles { outPath, errPath in
            try run(executable, arguments, timeout: timeout, stdout: outPath, stderr: errPath)
        }
    }

    /// Calls `body` with the paths of two new temporary files for a child's stdout and stderr, and
    /// removes them afterwards.
    static func withOutputFiles<R>(_ body: (_ stdout: String, _ stderr: String) throws -> R) rethrows -> R {
        let tmp = FileManager.default.temporaryDirectory
        let tag = "jitbook-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let outPath = tmp.appendingPathComponent(tag + ".out").path
        let errPath = tmp.appendingPathComponent(tag + ".err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        return try body(outPath, errPath)
    }

    /// A child's result: `status` and what it wrote to the files at `stdout` and `stderr`.
    static func result(_ status: Status, stdout: String, stderr: String) -> Result {
        let out = (try? Data(contentsOf: URL(fileURLWithPath: stdout))) ?? Data()
        let err = (try? Data(contentsOf: URL(fileURLWithPath: stderr))) ?? Data()
        return Result(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    private static func run(_ executable: String, _ arguments: [String], timeout: Double,
                            stdout outPath: String, stderr errPath: String) throws -> Result {
        let pid = try spawn(executable, arguments) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var result: Status?
        while result == nil {
            let w = waitpid(pid, &status, WNOHANG)
            if w == pid {
                let low = status & 0x7F
                result = low == 0 ? .exited((status >> 8) & 0xFF) : .signaled(low)
            } else if w < 0 && errno != EINTR {
                result = .signaled(0)
            } else if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                result = .timedOut
            } else {
                usleep(2000)
            }
        }
        return Self.result(result ?? .timedOut, stdout: outPath, stderr: errPath)
    }

    /// Starts `executable` with `arguments` and address randomization off; `standardStreams` sets up
    /// its descriptors 0 to 2, and every other descriptor of jitbook is closed in it (nothing else of
    /// jitbook's reaches the program: not `serve`'s sockets, not the files of examples verified in
    /// parallel). Returns the child's pid.
    static func spawn(_ executable: String, _ arguments: [String],
                      standardStreams: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        standardStreams(&actions)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        disableAddressRandomization()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else {
            throw Diagnostic(.environment, at: .synthetic("jitbook"),
                             "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        return pid
    }

    /// Turns off address space randomization for the children the calling thread starts.
    ///
    /// A code image lives at fixed addresses (Runtime/AddressMap.swift). With randomization
    /// the runtime's shared libraries, or qemu-user's own buffers, land inside that map in
    /// about one run in a thousand, and the run fails for no reason of its own. Without it
    /// the layout is the same on every run. The personality is per thread and inherited
    /// across fork and exec, so it is set right before each spawn; where a sandbox refuses
    /// it, the runtime detects a taken address and exits with the dedicated code the runner
    /// retries (`addressMapWasBusy`).
    /// Returns false where the kernel (or a seccomp filter) refuses the flag.
    @discardableResult
    static func disableAddressRandomization() -> Bool {
        guard let personality = personalityCall else { return false }
        let current = personality(0xFFFF_FFFF)
        let addrNoRandomize: UInt32 = 0x0040000
        guard current >= 0 else { return false }
        if UInt32(bitPattern: current) & addrNoRandomize != 0 { return true }
        return personality(UInt(UInt32(bitPattern: current) | addrNoRandomize)) >= 0
            && UInt32(bitPattern: personality(0xFFFF_FFFF)) & addrNoRandomize != 0
    }

    /// glibc's `personality(2)` wrapper, which the Glibc module does not export.
    private static let personalityCall: (@convention(c) (UInt) -> Int32)? = {
        guard let symbol = dlsym(nil, "personality") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UInt) -> Int32).self)
    }()

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; Swift's Glibc module does not
    /// declare it), looked up like `personality`: nil where the C library has none.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Whether the runtime gave up because another mapping held one of the image's fixed
    /// addresses (exit code `JITBOOK_EXIT_ADDRESS_MAP_BUSY` in jitbook_runtime.h).
    static func addressMapWasBusy(_ result: Result) -> Bool {
        result.status == .exited(3) && result.stderr.contains("jitbook-runtime: address map busy")
    }

    /// `SIGSEGV` for 11, ... (the names the fault lines use).
    static func signalName(_ signo: Int32) -> String {
        switch signo {
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGFPE: "SIGFPE"
        case SIGTRAP: "SIGTRAP"
        case SIGABRT: "SIGABRT"
        case SIGKILL: "SIGKILL"
        default: "signal \(signo)"
        }
    }
}
