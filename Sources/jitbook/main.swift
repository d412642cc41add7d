// jitbook: the command-line interface. Thin by design: every command parses its
// arguments, calls into Workbook, Site or Serve, prints, and picks an exit code
// (0 ok, 1 failures or errors, 2 usage errors).
import ArgumentParser
import Foundation

/// Runs a parsed command, awaiting the asynchronous ones (`serve`).
func dispatch(_ command: inout any ParsableCommand) async throws {
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}

do {
    var command = try Jitbook.parseAsRoot()
    try await dispatch(&command)
} catch {
    exit(Output.report(error))
}
