// jitbook: the command-line interface. Thin by design: every command parses its
// arguments, calls into Workbook or Site, prints, and picks an exit code
// (0 ok, 1 failures or errors, 2 usage errors).
import Foundation

do {
    var command = try Jitbook.parseAsRoot()
    try command.run()
} catch {
    exit(Output.report(error))
}
