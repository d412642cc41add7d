// jitbook: the command-line interface. Thin by design: every command parses its
// arguments, calls into Workbook or Site, prints, and picks an exit code
// (0 ok, 1 failures or errors, 2 usage errors).
import ArgumentParser
import Foundation

let command: ParsableCommand
do {
    command = try Jitbook.parseAsRoot()
} catch {
    let code = Jitbook.exitCode(for: error)
    if code == .success {
        print(Jitbook.fullMessage(for: error))
        exit(0)
    }
    Output.error(Jitbook.fullMessage(for: error))
    exit(2)
}
do {
    var runnable = command
    try runnable.run()
} catch {
    exit(Output.report(error))
}
