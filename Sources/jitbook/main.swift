// jitbook: the command-line interface. Thin by design: every command parses its
// arguments, calls into Workbook, Site or Serve, prints, and picks an exit code
// (0 ok, 1 failures or errors, 2 usage errors).
import ArgumentParser
import Foundation

do {
    var command = try Jitbook.parseAsRoot()
    if var async = command as? AsyncParsableCommand {
        try await async.run()
    } else {
        try command.run()
    }
} catch {
    exit(Output.report(error))
}
