/// Tokenizes JitDump-like IR: BBnn, [000012] node ids, operators, types, V01 locals.
public enum IRHighlighter {
    static let types: Set<String> = ["int", "long", "ref", "byref", "void", "float", "double", "struct",
                                     "ubyte", "byte", "short", "ushort", "uint", "ulong", "bool", "simd"]

    public static func tokens(_ text: String) -> [HighlightToken] {
        var out: [HighlightToken] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            var s = Scanner(String(line))
            if line.hasPrefix("***") {
                append(&out, .header, s.rest())
            }
            while let c = s.current {
                if c == ";" || s.starts(with: "//") {
                    append(&out, .comment, s.rest())
                } else if c == "[", let id = nodeId(s) {
                    append(&out, .node, id)
                    s.pos += id.count
                } else if c.isDigitChar || (c == "-" && (s.peek(1)?.isDigitChar ?? false)) {
                    var num = ""
                    if c == "-" { num = "-"; s.pos += 1 }
                    num += s.take { $0.isHexDigit || $0 == "x" || $0 == "X" || $0 == "." }
                    append(&out, .number, num)
                } else if c.isIdentStart {
                    let word = s.take { $0.isIdentPart }
                    append(&out, classify(word), word)
                } else {
                    append(&out, nil, String(c))
                    s.pos += 1
                }
            }
            if i < lines.count - 1 { append(&out, nil, "\n") }
        }
        return out
    }

    /// `[000012]` at the scanner position, if there is one.
    static func nodeId(_ s: Scanner) -> String? {
        var i = 1
        while let d = s.peek(i), d.isDigitChar { i += 1 }
        guard i >= 2, s.peek(i) == "]" else { return nil }
        return String(s.chars[s.pos...(s.pos + i)])
    }

    static func classify(_ w: String) -> TokenKind? {
        func prefixedNumber(_ p: String) -> Bool {
            w.hasPrefix(p) && w.count > p.count && w.dropFirst(p.count).allSatisfy(\.isDigitChar)
        }
        if prefixedNumber("BB") { return .block }
        if prefixedNumber("V") { return .local }
        if types.contains(w) { return .type }
        if AsmHighlighter.isRegister(w) { return .register }
        if w.count >= 2, w.allSatisfy({ ($0.isUppercase && $0.isASCII) || $0.isDigitChar || $0 == "_" }),
           w.first?.isLetter == true {
            return .op
        }
        return nil
    }
}
