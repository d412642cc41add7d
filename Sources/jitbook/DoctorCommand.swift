import ArgumentParser
import Execution
import Foundation
import Workbook

/// `jitbook doctor`: check every external tool the book needs by using it; exit 1 if one is missing.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the host tools (C compilers, qemu, binutils, libcmark, mono, chromium) by using each one.")
    @Flag(help: "Also require chromium (the site's browser tests).")
    var withChromium = false

    func run() throws {
        let results = [HostChecks.libcmark(linkedVersion: MarkdownLibrary.version)]
            + HostChecks.run(withChromium: withChromium)
        for r in results { Output.out(r.line) }
        let failed = results.filter { !$0.isHealthy }
        if failed.isEmpty {
            Output.out("doctor: all \(results.count) checks passed")
        } else {
            Output.out("doctor: \(failed.count) of \(results.count) checks failed; `bash scripts/install-deps.sh` installs the packages named above")
            throw ExitCode(1)
        }
    }
}
