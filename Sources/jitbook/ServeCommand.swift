import ArgumentParser
import Foundation
import Serve
import Site
import Workbook

/// `jitbook serve [--port N]`: the site on http://127.0.0.1:N/, re-verified and reloaded as chapters change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the book on localhost; re-verify a chapter when its file changes and reload the page.",
        discussion: """
            Watches chapters/ and site/theme/: a changed chapter is verified again (only that one) and every \
            open page reloads. When the jitbook binary itself is rebuilt (swift build), the server restarts \
            with the new JIT and the pages reload once it is back.
            """)
    @OptionGroup var options: BookOptions
    @Option(help: "TCP port on 127.0.0.1 (0: any free port).")
    var port: Int = 8000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let book = options.book
        let site = LiveSite(renderer: SiteRenderer(book: book, engine: JITEngine()))
        let first = try site.refresh()
        let report = site.report
        Output.diagnostics(report.warnings + report.errors)
        Output.out(String(format: "verified %d chapters in %.2f s: %d verified, %d stale, %d failed",
                          first.reverified.count, first.seconds, report.verified, report.stale, report.failed))
        let server = try SiteServer(site: site, port: UInt16(port))
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        Output.out("serving http://127.0.0.1:\(await server.port() ?? port)/ (watching \(book.displayPath(book.root.appendingPathComponent("chapters"))); Ctrl-C stops)")
        let watcher = Watcher(site: site)
        await watcher.run(report: { r in
            let what = r.reverified + r.removed.map { "\($0) (removed)" } + (r.themeChanged ? ["theme"] : [])
            let rep = site.report
            Output.out(String(format: "re-rendered in %.0f ms: %@ — %d verified, %d stale, %d failed",
                              r.seconds * 1000, what.joined(separator: ", "), rep.verified, rep.stale, rep.failed))
            Output.diagnostics(rep.warnings + rep.errors)
        }, failed: { error in
            Output.diagnostics(error.diagnostics(defaultLocation: .synthetic("serve")))
        }, rebuilt: {
            Output.out("the jitbook binary changed: restarting with the new JIT")
        })
        await server.server.stop(timeout: 1)
        serving.cancel()
        // Replace this process with the rebuilt binary, same arguments: pages see a new boot id and reload.
        // Descriptors other than stdio must not leak into it (the old listening socket holds the port).
        if let exe = watcher.executable {
            for fd in 3..<Int32(1024) { close(fd) }
            let args = CommandLine.arguments.map { strdup($0) } + [nil]
            execv(exe, args)
            Output.error("jitbook serve: cannot restart \(exe): \(String(cString: strerror(errno)))")
        }
        throw ExitCode(1)
    }
}
