/// A link to a neighbouring chapter.
public struct PageLink: Sendable, Hashable {
    public var href: String
    public var title: String

    public init(href: String, title: String) {
        self.href = href
        self.title = title
    }
}

/// The HTML skeleton every page shares: head, site header with the search box, the table of
/// contents in a sidebar, pager, footer.
///
/// Only local assets (`theme/style.css`, `theme/site.js`, `search-index.js`); no CDN, no web
/// fonts, so the site works offline and renders the same everywhere. Pages in a subdirectory
/// (`methods/`) pass `root: "../"`.
public enum PageTemplate {
    public static let siteTitle = "jitbook"

    /// A complete page; `body` and `sidebar` are trusted HTML, `title` is escaped here.
    public static func page(title: String, body: String, previous: PageLink? = nil, next: PageLink? = nil,
                            root: String = "", sidebar: String? = nil) -> String {
        var pager = ""
        if previous != nil || next != nil {
            pager += "<nav class=\"pager\" aria-label=\"previous and next chapter\">\n"
            if let p = previous {
                pager += "<a class=\"prev\" rel=\"prev\" href=\"\(root)\(HTML.escape(p.href))\">← \(HTML.escape(p.title))</a>\n"
            } else {
                pager += "<span></span>\n"
            }
            if let n = next {
                pager += "<a class=\"next\" rel=\"next\" href=\"\(root)\(HTML.escape(n.href))\">\(HTML.escape(n.title)) →</a>\n"
            }
            pager += "</nav>\n"
        }
        let fullTitle = title == siteTitle ? siteTitle : "\(title) · \(siteTitle)"
        let aside = sidebar.map { "<nav class=\"sidebar\" aria-label=\"table of contents\">\n\($0)</nav>\n" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.escape(fullTitle))</title>
        <link rel="stylesheet" href="\(root)theme/style.css">
        <script src="\(root)search-index.js" defer></script>
        <script src="\(root)theme/site.js" defer></script>
        </head>
        <body data-root="\(root)">
        <a class="skip" href="#content">Skip to content</a>
        <header class="site-header"><a class="home" href="\(root)index.html">\(siteTitle)</a><span class="tagline">how a .NET-style JIT compiles runtime-async code</span><a class="methods" href="\(root)methods/index.html">Methods</a><form class="search" role="search" action="\(root)search.html"><label class="visually-hidden" for="q">Search the book</label><input type="search" id="q" name="q" placeholder="Search prose, methods, instructions" autocomplete="off"><div class="search-results" id="search-results" role="listbox" aria-label="search results" hidden></div></form></header>
        <div class="layout\(sidebar == nil ? " no-sidebar" : "")">
        \(aside)<main id="content">
        \(body)
        </main>
        </div>
        \(pager)<footer class="site-footer">Rendered by <code>jitbook render</code>; every listing on this site was checked against the model JIT when the page was built.</footer>
        </body>
        </html>

        """
    }
}
