/// A small strict HTML tokenizer for the site tests: tags with decoded attributes, decoded text, balance checked.
///
/// Stricter than a browser on purpose: a `<` or `&` that does not start a tag, comment or known
/// character reference is an error (so text the renderer forgot to escape is caught), attribute
/// values must be quoted or absent, attributes may not repeat, and every end tag must close the
/// innermost open element (void elements have none). `script` and `style` contents are raw text.
struct HTMLDocument {
    struct Element {
        var name: String
        var attributes: [(name: String, value: String)]
        /// Names of the open elements around this one, outermost first.
        var ancestors: [String]
        /// Raw text of a `script` or `style` element.
        var rawText = ""
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    var elements: [Element] = []
    /// The decoded text outside `script` and `style`, in document order.
    var text = ""

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "source", "track", "wbr"]
    static let entities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    init(parsing html: String) throws {
        let s = Array(html.unicodeScalars)
        var i = 0
        var open: [String] = []
        func fail(_ what: String) -> ParseError {
            let line = s[..<min(i, s.count)].filter { $0 == "\n" }.count + 1
            return ParseError(description: "line \(line): \(what)")
        }
        func starts(_ p: String) -> Bool {
            let ps = Array(p.unicodeScalars)
            return i + ps.count <= s.count && Array(s[i..<(i + ps.count)]).map { Character($0).lowercased() } == ps.map { Character($0).lowercased() }
        }
        func decode(_ until: (Unicode.Scalar) -> Bool) throws -> String {
            var out = ""
            while i < s.count && !until(s[i]) {
                if s[i] == "&" {
                    guard let semi = s[i...].prefix(12).firstIndex(of: ";") else { throw fail("bare '&'") }
                    let name = String(String.UnicodeScalarView(s[(i + 1)..<semi]))
                    if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        out.unicodeScalars.append(u)
                    } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                        out.unicodeScalars.append(u)
                    } else if let e = Self.entities[name] {
                        out += e
                    } else {
                        throw fail("unknown character reference '&\(name);'")
                    }
                    i = semi + 1
                } else if s[i] == "<" {
                    throw fail("bare '<'")
                } else {
                    out.unicodeScalars.append(s[i])
                    i += 1
                }
            }
            return out
        }
        func name() -> String {
            var n = ""
            while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-" || s[i] == ":" {
                n.unicodeScalars.append(s[i])
                i += 1
            }
            return n.lowercased()
        }
        func skipSpace() { while i < s.count && s[i].properties.isWhitespace { i += 1 } }

        while i < s.count {
            if starts("<!--") {
                var j = i + 4
                while j + 2 < s.count && !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                guard j + 2 < s.count else { throw fail("unterminated comment") }
                i = j + 3
            } else if starts("<!doctype") {
                guard let end = s[i...].firstIndex(of: ">") else { throw fail("unterminated doctype") }
                i = end + 1
            } else if starts("</") {
                i += 2
                let n = name()
                skipSpace()
                guard i < s.count, s[i] == ">" else { throw fail("malformed end tag </\(n)") }
                i += 1
                guard open.last == n else { throw fail("</\(n)> closes <\(open.last ?? "nothing")>") }
                open.removeLast()
            } else if s[i] == "<" {
                i += 1
                let n = name()
                guard !n.isEmpty else { throw fail("bare '<'") }
                var attributes: [(name: String, value: String)] = []
                while true {
                    skipSpace()
                    guard i < s.count else { throw fail("unterminated tag <\(n)") }
                    if s[i] == ">" || (s[i] == "/" && i + 1 < s.count && s[i + 1] == ">") { break }
                    let a = name()
                    guard !a.isEmpty else { throw fail("bad attribute in <\(n)>") }
                    guard !attributes.contains(where: { $0.name == a }) else { throw fail("repeated attribute \(a) in <\(n)>") }
                    var value = ""
                    skipSpace()
                    if i < s.count && s[i] == "=" {
                        i += 1
                        skipSpace()
                        guard i < s.count, s[i] == "\"" || s[i] == "'" else { throw fail("unquoted value of \(a) in <\(n)>") }
                        let q = s[i]
                        i += 1
                        value = try decode { $0 == q }
                        guard i < s.count else { throw fail("unterminated value of \(a)") }
                        i += 1
                    }
                    attributes.append((a, value))
                }
                let selfClosing = s[i] == "/"
                i += selfClosing ? 2 : 1
                var element = Element(name: n, attributes: attributes, ancestors: open)
                if n == "script" || n == "style" {
                    let start = i
                    while i < s.count && !starts("</\(n)") { i += 1 }
                    guard i < s.count else { throw fail("unterminated <\(n)>") }
                    element.rawText = String(String.UnicodeScalarView(s[start..<i]))
                    i += n.count + 2
                    skipSpace()
                    guard i < s.count, s[i] == ">" else { throw fail("malformed </\(n)>") }
                    i += 1
                } else if !Self.voidElements.contains(n) && !selfClosing {
                    open.append(n)
                }
                elements.append(element)
            } else {
                text += try decode { $0 == "<" }
            }
        }
        guard open.isEmpty else { throw fail("unclosed elements: \(open)") }
    }

    func attribute(_ e: Element, _ name: String) -> String? { e.attributes.first { $0.name == name }?.value }
}
