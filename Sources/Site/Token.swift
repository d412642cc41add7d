/// The class of a highlighted token; its raw value is the CSS class (`tok-op` ...).
public enum TokenKind: String, Sendable, Hashable {
    /// IL opcode, asm mnemonic, IR operator.
    case op
    /// ilasm directive (`.method`).
    case directive = "dir"
    /// ilasm keyword or type (`static`, `int32`), asm size keyword (`qword ptr`).
    case keyword = "kw"
    /// A label definition or reference (`IL_0004:`, `G_M32752_IG02:`).
    case label = "lbl"
    case comment = "com"
    case string = "str"
    case number = "num"
    /// A machine register (`rax`, `x0`).
    case register = "reg"
    /// An IR basic block (`BB01`).
    case block = "bb"
    /// An IR node id (`[000012]`).
    case node
    /// An IR local (`V01`).
    case local = "lcl"
    /// An IR type (`int`, `long`, `ref`).
    case type = "typ"
    /// A dump header line (`*************** After Importation`).
    case header = "hdr"

    public var cssClass: String { "tok-\(rawValue)" }
}

/// A run of source text with an optional token class; nil means plain text.
public struct HighlightToken: Sendable, Hashable {
    public var kind: TokenKind?
    public var text: String

    public init(_ kind: TokenKind?, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Turns tokens into escaped HTML with `<span class="tok-...">` around classified tokens.
public func renderTokens(_ tokens: [HighlightToken]) -> String {
    var out = ""
    for t in tokens {
        if let k = t.kind {
            out += "<span class=\"\(k.cssClass)\">\(HTML.escape(t.text))</span>"
        } else {
            out += HTML.escape(t.text)
        }
    }
    return out
}

/// A character cursor over one line, shared by the tokenizers.
struct Scanner {
    let chars: [Character]
    var pos = 0

    init(_ line: String) { chars = Array(line) }

    var atEnd: Bool { pos >= chars.count }
    var current: Character? { pos < chars.count ? chars[pos] : nil }
    func peek(_ offset: Int) -> Character? { pos + offset < chars.count ? chars[pos + offset] : nil }

    /// Consumes characters while `pred` holds and returns them.
    mutating func take(while pred: (Character) -> Bool) -> String {
        let start = pos
        while pos < chars.count, pred(chars[pos]) { pos += 1 }
        return String(chars[start..<pos])
    }

    /// Consumes the rest of the line.
    mutating func rest() -> String {
        let s = String(chars[pos...])
        pos = chars.count
        return s
    }

    /// True when the remaining text starts with `s`.
    func starts(with s: String) -> Bool {
        var i = pos
        for c in s {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        return true
    }
}

/// Appends a token, merging adjacent plain text and adjacent comment pieces.
func append(_ tokens: inout [HighlightToken], _ kind: TokenKind?, _ text: String) {
    guard !text.isEmpty else { return }
    if kind == nil || kind == .comment, let last = tokens.last, last.kind == kind {
        tokens[tokens.count - 1].text += text
    } else {
        tokens.append(HighlightToken(kind, text))
    }
}

extension Character {
    var isIdentStart: Bool { isLetter || self == "_" || self == "$" }
    var isIdentPart: Bool { isLetter || isNumber || self == "_" || self == "$" }
    var isDigitChar: Bool { isASCII && isNumber }
}
