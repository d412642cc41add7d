import Foundation
import FlyingFox
import FlyingSocks

/// The HTTP side of `jitbook serve`: serves a `LiveSite` from memory on loopback, with a
/// reload script added to every HTML page.
///
/// Built on FlyingFox (an async/await HTTP server with no dependencies of its own). Live reload is
/// a long poll: `/__jitbook/wait?v=N` answers when the site's version is no longer N (or after
/// `pollSeconds`), and the page reloads itself when the version, or the server's boot id (a
/// restart after the JIT was rebuilt), changed.
public final class SiteServer: Sendable {
    public let site: LiveSite
    public let server: HTTPServer
    /// Identifies this server process: a page that sees another one reloads.
    public let boot: String
    let pollSeconds: Double

    /// A server for `site` on 127.0.0.1:`port` (0: any free port, see `port()`).
    public init(site: LiveSite, port: UInt16, pollSeconds: Double = 10) throws {
        self.site = site
        self.pollSeconds = pollSeconds
        self.boot = "\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: pollSeconds + 20, logger: .disabled)
    }

    /// Serves until cancelled.
    public func run() async throws {
        await server.appendRoute("GET /__jitbook/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(Self.reloadScript.utf8))
        }
        await server.appendRoute("GET /__jitbook/wait") { [site, boot, pollSeconds] request in
            let seen = request.query.first { $0.name == "v" }.flatMap { Int($0.value) } ?? -1
            let v = seen < 0 ? site.version : await site.waitForChange(from: seen, timeout: pollSeconds)
            let body = "{\"boot\":\"\(boot)\",\"version\":\(v)}"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                                body: Data(body.utf8))
        }
        await server.appendRoute("GET *") { [site] request in
            Self.respond(site, path: request.path)
        }
        try await server.run()
    }

    /// Waits until the socket listens.
    public func waitUntilListening() async throws { try await server.waitUntilListening() }

    /// The port the server listens on (after `waitUntilListening`).
    public func port() async -> Int? {
        if case .ip4(_, let port) = await server.listeningAddress { return Int(port) }
        return nil
    }

    /// A file of the site, HTML pages with the reload script; 404 for anything else.
    static func respond(_ site: LiveSite, path: String) -> HTTPResponse {
        var p = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if p.isEmpty || p.hasSuffix("/") { p += "index.html" }
        guard let data = site.file(p) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("not found: /\(p)\n".utf8))
        }
        var body = data
        let type = contentType(p)
        if type.hasPrefix("text/html") {
            let html = String(decoding: data, as: UTF8.self)
            body = Data(html.replacingOccurrences(of: "</head>", with: "<script src=\"/__jitbook/reload.js\" defer></script>\n</head>").utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }

    /// The page side of live reload: wait for a change, reload; retry quietly while the server is away.
    static let reloadScript = """
        // jitbook serve: reloads the page when a chapter, the theme or the JIT changes.
        (function () {
          "use strict";
          var boot = null, version = -1;
          function poll() {
            fetch("/__jitbook/wait?v=" + version, { cache: "no-store" })
              .then(function (r) { return r.json(); })
              .then(function (s) {
                if (boot !== null && (s.boot !== boot || s.version !== version)) { window.location.reload(); return; }
                boot = s.boot;
                version = s.version;
                poll();
              })
              .catch(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();

        """
}
