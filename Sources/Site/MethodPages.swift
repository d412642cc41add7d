import IL
import Workbook

/// One place a method appears: its IL definition, or a listing, dump or variant of it.
struct MethodAppearance: Sendable, Hashable {
    /// `08-seed-000.html`.
    var page: String
    var chapterTitle: String
    /// `chapters/08-seed-000.md:158`.
    var origin: String
    /// The anchor on the page (`L158`).
    var anchor: String
    /// `IL definition`, `asm x64 AsyncMicro.Program::Foo config=...`.
    var what: String
    /// `verified`, `stale`, `error`, or nil for IL.
    var status: String?
}

/// The method index: a page per method (`methods/<slug>.html`) listing every place it appears.
///
/// Methods are keyed by `Type::Name` (nested types spelled with `+`), without the overload's
/// parameter list or the variant suffix: `Program::Triple[thunk]` is on `Program::Triple`'s page.
/// Two chapters' methods of the same name (each chapter has its own modules) share a page.
struct MethodPages {
    var methods: [String: [MethodAppearance]] = [:]

    /// `AsyncMicro.Program::Foo` -> `AsyncMicro.Program--Foo` (letters, digits, `.`, `_`; the rest `-`).
    static func slug(_ method: String) -> String {
        let base = key(method)
        var out = ""
        for ch in base {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_") { out.append(ch) } else { out.append("-") }
        }
        return out
    }

    /// The page key of a selector's text: `Type::Name`, nested types with `+`.
    static func key(_ method: String) -> String {
        var s = Substring(method)
        if let p = s.firstIndex(of: "(") { s = s[..<p] }
        if s.hasSuffix("]"), let b = s.lastIndex(of: "[") { s = s[..<b] }
        return s.replacingOccurrences(of: "/", with: "+")
    }

    mutating func add(_ method: String, _ a: MethodAppearance) {
        methods[Self.key(method), default: []].append(a)
    }

    /// The methods a chapter's IL defines (`Type::Name`, nested types with `+`) and their `.method` lines;
    /// modules that do not parse define none (their examples report the errors).
    static func ilMethods(of chapter: Chapter) -> [(name: String, line: Int)] {
        var out: [(name: String, line: Int)] = []
        for module in chapter.modules {
            guard let parsed = try? ILParser.parse(module.chunks, assemblyName: module.name) else { continue }
            for type in parsed.types {
                for m in type.methods where m.location.file == chapter.path {
                    out.append(("\(type.fullName)::\(m.name)", m.location.line))
                }
            }
        }
        return out
    }

    /// Adds a chapter's IL method definitions and its examples.
    mutating func add(chapter: Chapter, page: String, title: String, ilMethods: [(name: String, line: Int)],
                      results: [ExampleResult]) {
        for (name, line) in ilMethods {
            add(name, MethodAppearance(page: page, chapterTitle: title, origin: "\(chapter.path):\(line)",
                                       anchor: "L\(line)", what: "IL definition", status: nil))
        }
        for r in results {
            guard let m = r.example.method else { continue }
            var what = r.example.label
            if let c = r.example.configText { what += " config=\(c)" }
            if let p = r.example.profile { what += " profile=\(p)" }
            let status = r.passed ? "verified" : r.isStale ? "stale" : "error"
            add(m.description, MethodAppearance(page: page, chapterTitle: title, origin: r.example.origin,
                                                anchor: "L\(r.example.line)", what: what, status: status))
        }
    }

    /// Method keys in a stable order.
    var sortedKeys: [String] { methods.keys.sorted() }

    /// `methods/index.html`: every method with the number of places it appears.
    func indexHTML() -> String {
        var out = "<h1>Methods</h1>\n<p class=\"lede\">Every method the book defines in IL or shows a listing or dump of, with the places it appears.</p>\n<ul class=\"method-list\">\n"
        for k in sortedKeys {
            let n = methods[k]?.count ?? 0
            out += "<li><a href=\"\(Self.slug(k)).html\"><code>\(HTML.escape(k))</code></a> <span class=\"count\">\(n) place\(n == 1 ? "" : "s")</span></li>\n"
        }
        return out + "</ul>\n"
    }

    /// One method's page (inside `methods/`, so links go up one level).
    func pageHTML(_ key: String) -> String {
        var out = "<h1><code>\(HTML.escape(key))</code></h1>\n<p class=\"lede\">Where this method appears in the book.</p>\n"
        out += "<table class=\"appearances\"><thead><tr><th scope=\"col\">Chapter</th><th scope=\"col\">What</th><th scope=\"col\">Where</th><th scope=\"col\">Status</th></tr></thead><tbody>\n"
        for a in methods[key] ?? [] {
            let status = a.status.map { "<span class=\"badge \($0 == "error" ? "error" : $0)\">\($0)</span>" } ?? ""
            out += "<tr><td>\(HTML.escape(a.chapterTitle))</td><td><code>\(HTML.escape(a.what))</code></td>"
                + "<td><a href=\"../\(a.page)#\(a.anchor)\">\(HTML.escape(a.origin))</a></td><td>\(status)</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}
