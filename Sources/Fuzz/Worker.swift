import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The worker side of a fuzz campaign: runs inputs in this process and reports each on stdout.
///
/// Protocol, one line per event, written unbuffered so that a trap loses nothing:
/// `> INDEX` before input INDEX runs, `a` or `r` after it (accepted, rejected), and
/// `! MESSAGE` for each diagnostic that breaks the contract. The parent
/// (`FuzzCampaign`) reads these lines; if the worker dies, the last `>` names the input.
public enum FuzzWorker {
    /// Runs inputs `start`, `start+1`, ... until `runs` inputs ran or `seconds` passed.
    public static func run(target: FuzzTarget, mutator: Mutator, start: UInt64, runs: Int?, seconds: Double?) {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var index = start
        var done = 0
        while runs.map({ done < $0 }) ?? true, deadline.map({ Date() < $0 }) ?? true {
            emit("> \(index)\n")
            let outcome = target.execute(mutator.input(index), index)
            for message in outcome.violations {
                emit("! " + message.replacingOccurrences(of: "\n", with: " ") + "\n")
            }
            emit(outcome.accepted ? "a\n" : "r\n")
            index += 1
            done += 1
        }
    }

    /// Writes all of `text` to fd 1, bypassing stdio buffering.
    static func emit(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
            if n <= 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }
}
