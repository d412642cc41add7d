/// A link to a neighbouring chapter.
public struct PageLink: Sendable, Hashable {
    public var href: String
    public var title: String

    public init(href: String, title: String) {
        self.href = href
        self.title = title
    }
}

/// The HTML skeleton every page shares: head, site header, pager, footer.
///
/// Only local assets (`theme/style.css`, `theme/site.js`); no CDN, no web fonts,
/// so the site works offline and renders the same everywhere.
public enum PageTemplate {
    public static let siteTitle = "jitbook"

    /// A complete page; `body` is trusted HTML, `title` is escaped here.
    public static func page(title: String, body: String, previous: PageLink? = nil, next: PageLink? = nil) -> String {
        var pager = ""
        if previous != nil || next != nil {
            pager += "<nav class=\"pager\">\n"
            if let p = previous {
                pager += "<a class=\"prev\" rel=\"prev\" href=\"\(HTML.escape(p.href))\">← \(HTML.escape(p.title))</a>\n"
            } else {
                pager += "<span></span>\n"
            }
            if let n = next {
                pager += "<a class=\"next\" rel=\"next\" href=\"\(HTML.escape(n.href))\">\(HTML.escape(n.title)) →</a>\n"
            }
            pager += "</nav>\n"
        }
        let fullTitle = title == siteTitle ? siteTitle : "\(title) · \(siteTitle)"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(fullTitle))</title>
        <link rel="stylesheet" href="theme/style.css">
        <script src="theme/site.js" defer></script>
        </head>
        <body>
        <header class="site-header"><a class="home" href="index.html">\(siteTitle)</a><span class="tagline">how a .NET-style JIT compiles runtime-async code</span></header>
        <main>
        \(body)
        </main>
        \(pager)<footer class="site-footer">Rendered by <code>jitbook render</code>; every listing on this site was checked against the model JIT when the page was built.</footer>
        </body>
        </html>

        """
    }
}
