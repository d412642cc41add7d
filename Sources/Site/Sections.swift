import Workbook

/// A heading of a chapter with the anchor id the site gives it.
public struct Section: Sendable, Hashable {
    public var level: Int
    public var title: String
    /// `the-listing-format`: unique within the chapter.
    public var id: String
    /// The heading's source line (its markdown block's first line).
    public var line: Int
}

/// Heading anchors: GitHub-like slugs of the heading text, made unique with `-2`, `-3` ...
public enum Sections {
    /// Every heading of the chapter, in order, with its id.
    public static func of(_ chapter: Chapter) -> [Section] {
        var used: [String: Int] = [:]
        var out: [Section] = []
        for mb in chapter.markdown {
            guard case .heading(let level) = mb.kind else { continue }
            var id = slug(mb.plainText)
            if id.isEmpty { id = "section" }
            if let n = used[id] {
                used[id] = n + 1
                id += "-\(n + 1)"
            } else {
                used[id] = 1
            }
            out.append(Section(level: level, title: mb.plainText, id: id, line: mb.startLine))
        }
        return out
    }

    /// Lowercase letters and digits, runs of anything else turned into one `-`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if dash && !out.isEmpty { out.append("-") }
                out.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    /// The heading HTML libcmark wrote (`<h2>Text</h2>`) with the id and a permalink added.
    static func anchored(_ html: String, _ section: Section) -> String {
        let open = "<h\(section.level)>"
        guard html.hasPrefix(open) else { return html }
        let close = "</h\(section.level)>"
        var inner = String(html.dropFirst(open.count))
        if let r = inner.range(of: close, options: .backwards) { inner = String(inner[..<r.lowerBound]) }
        let link = section.level == 1 ? ""
            : " <a class=\"anchor\" href=\"#\(section.id)\" aria-label=\"Permalink to this section\">#</a>"
        return "<h\(section.level) id=\"\(section.id)\">\(inner)\(link)\(close)\n"
    }
}
