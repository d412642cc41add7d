import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import Serve
import Site

/// The HTTP server on a free loopback port: pages with the reload script, long-poll reload, 404s.
@Suite(.timeLimit(.minutes(1))) struct SiteServerTests {
    func get(_ url: URL) async throws -> (Int, String, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
    }

    @Test func servesPagesAndReloadsOnAChapterChange() async throws {
        let b = try ScratchBook()
        let site = LiveSite(renderer: SiteRenderer(book: b.book, engine: CountingEngine()))
        try site.refresh()
        let server = try SiteServer(site: site, port: 0, pollSeconds: 5)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        let port = try #require(await server.port())
        let base = URL(string: "http://127.0.0.1:\(port)/")!

        let (status, type, index) = try await get(base)
        #expect(status == 200)
        #expect(type.hasPrefix("text/html"))
        #expect(index.contains("<script src=\"/__jitbook/reload.js\" defer></script>\n</head>"))
        let (_, jsType, js) = try await get(base.appendingPathComponent("__jitbook/reload.js"))
        #expect(jsType.hasPrefix("text/javascript"))
        #expect(js.contains("/__jitbook/wait?v="))
        let (cssStatus, cssType, _) = try await get(base.appendingPathComponent("theme/style.css"))
        #expect(cssStatus == 200 && cssType.hasPrefix("text/css"))
        let (missing, _, _) = try await get(base.appendingPathComponent("nope.html"))
        #expect(missing == 404)

        let (_, _, now) = try await get(URL(string: "http://127.0.0.1:\(port)/__jitbook/wait?v=-1")!)
        #expect(now.contains("\"version\":1"))
        #expect(now.contains("\"boot\":\"\(server.boot)\""))
        // A long poll on version 1 answers once the chapter changed.
        let waiting = Task { try await get(URL(string: "http://127.0.0.1:\(port)/__jitbook/wait?v=1")!) }
        try await Task.sleep(nanoseconds: 200_000_000)
        try b.write("chapters/02-two.md", "# Two\n\nChanged.\n")
        try b.touch("chapters/02-two.md", seconds: 5)
        try site.refresh()
        let (_, _, after) = try await waiting.value
        #expect(after.contains("\"version\":2"))
        let (_, _, page) = try await get(base.appendingPathComponent("02-two.html"))
        #expect(page.contains("Changed."))
    }
}
