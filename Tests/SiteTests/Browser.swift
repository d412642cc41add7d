import Foundation
import Execution
import Site
import Workbook

/// Headless Chromium over a rendered copy of the book, for BrowserTests.
///
/// Each check loads a page copy with the probe (Resources/probe.js) injected first in `<head>`;
/// `--dump-dom` prints the DOM after the load event, where the probe left its findings as JSON.
/// Every run has a time limit and a fresh profile directory, so runs cannot hang or share state.
enum Browser {
    /// The rendered book (the repository's chapters through the real JIT), once per test process.
    static let site: Result<URL, Error> = Result {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-browser-\(getpid())")
        try? FileManager.default.removeItem(at: out)
        let report = try SiteRenderer(book: Book(root: repo), engine: JITEngine()).render(to: out)
        guard report.errors.isEmpty else { throw BrowserError("the book did not render: \(report.errors.map(\.description))") }
        guard let probeURL = Bundle.module.url(forResource: "probe", withExtension: "js", subdirectory: "Resources") else {
            throw BrowserError("the test bundle has no Resources/probe.js")
        }
        let probe = try String(contentsOf: probeURL, encoding: .utf8)
        try probe.write(to: out.appendingPathComponent("probe.js"), atomically: true, encoding: .utf8)
        // Probe copies of every page at the top level (the probe is not part of the site).
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".html") {
            let page = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let probed = page.replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\">\n<script src=\"probe.js\"></script>")
            try probed.write(to: out.appendingPathComponent("probe-" + name), atomically: true, encoding: .utf8)
        }
        return out
    }

    struct BrowserError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The Chromium binary: `$JITBOOK_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
    static var executable: String? {
        if let e = ProcessInfo.processInfo.environment["JITBOOK_CHROMIUM"], !e.isEmpty {
            return FileManager.default.isExecutableFile(atPath: e) ? e : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    static let missing = "headless Chromium is not installed: run `bash scripts/install-deps.sh --with-chromium` (or set JITBOOK_CHROMIUM)"

    /// Loads `page` (its probe copy) with `?probe=mode` and returns the probe's findings.
    static func probe(_ page: String, mode: String, width: Int = 1400, dark: Bool = false) throws -> [String: Any] {
        guard let chromium = executable else { throw BrowserError(missing) }
        let out = try site.get()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=\(profile.path)", "--allow-file-access-from-files",
                    // Any request leaving the machine fails instead of waiting on the network.
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=8000",
                    "--window-size=\(width),1000", "--dump-dom"]
        if dark { args.append("--blink-settings=preferredColorScheme=0") }
        args.append(out.appendingPathComponent("probe-" + page).absoluteString + "?probe=\(mode)")
        let r = try ChildProcess.run(chromium, args, timeout: 60)
        guard r.status != .timedOut else { throw BrowserError("chromium timed out on \(page)") }
        guard let open = r.stdout.range(of: "<pre id=\"probe-result\">"),
              let close = r.stdout[open.upperBound...].range(of: "</pre>") else {
            throw BrowserError("no probe result for \(page) (\(r.status)): \(r.stderr.suffix(600))")
        }
        let json = String(r.stdout[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        guard let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw BrowserError("probe result is not an object: \(json.prefix(200))")
        }
        return obj
    }
}
