import Workbook

/// Tokenizes ilasm source: directives, opcodes, keywords, labels, comments, strings, numbers.
public enum ILHighlighter {
    static let keywords: Set<String> = [
        "public", "private", "family", "assembly", "famandassem", "famorassem", "privatescope",
        "static", "instance", "virtual", "hidebysig", "newslot", "specialname", "rtspecialname",
        "abstract", "sealed", "final", "cil", "managed", "unmanaged", "native", "runtime", "async",
        "class", "valuetype", "interface", "extends", "implements", "auto", "ansi", "beforefieldinit",
        "sequential", "explicit", "extern", "init", "default", "vararg", "initonly", "literal",
        "void", "bool", "char", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "unsigned", "float32", "float64", "string", "object", "typedref", "int", "noinlining",
        "aggressiveinlining", "nooptimization", "forwardref", "preservesig", "synchronized", "modreq", "modopt",
    ]

    /// Tokens of the whole text (block comments may span lines).
    public static func tokens(_ text: String) -> [HighlightToken] {
        var out: [HighlightToken] = []
        var inBlockComment = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            var s = Scanner(String(line))
            var startOfInstruction = true
            while let c = s.current {
                if inBlockComment {
                    var com = ""
                    while let d = s.current {
                        if s.starts(with: "*/") { com += "*/"; s.pos += 2; inBlockComment = false; break }
                        com.append(d); s.pos += 1
                    }
                    append(&out, .comment, com)
                } else if s.starts(with: "//") {
                    append(&out, .comment, s.rest())
                } else if s.starts(with: "/*") {
                    s.pos += 2
                    append(&out, .comment, "/*")
                    inBlockComment = true
                } else if c == "\"" || c == "'" {
                    append(&out, .string, quoted(&s, c))
                } else if c == "." && (s.peek(1)?.isLetter ?? false) {
                    s.pos += 1
                    append(&out, .directive, "." + s.take { $0.isIdentPart || $0 == "." })
                    startOfInstruction = false
                } else if c.isDigitChar {
                    append(&out, .number, s.take { $0.isHexDigit || $0 == "x" || $0 == "X" || $0 == "." })
                } else if c.isIdentStart {
                    let word = s.take { $0.isIdentPart || $0 == "." || $0 == "`" }
                    if s.current == ":" && s.peek(1) != ":" {
                        append(&out, .label, word + ":")
                        s.pos += 1
                    } else if startOfInstruction && Vocabulary.ilOpcodes.contains(word) {
                        append(&out, .op, word)
                        startOfInstruction = false
                    } else if keywords.contains(word) {
                        append(&out, .keyword, word)
                        startOfInstruction = false
                    } else {
                        append(&out, nil, word)
                        startOfInstruction = false
                    }
                } else {
                    append(&out, nil, String(c))
                    if c == "{" || c == "}" { startOfInstruction = true }
                    s.pos += 1
                }
            }
            if i < lines.count - 1 { append(&out, nil, "\n") }
        }
        return out
    }

    /// Consumes a quoted string with backslash escapes.
    static func quoted(_ s: inout Scanner, _ q: Character) -> String {
        var str = String(q)
        s.pos += 1
        while let d = s.current {
            str.append(d)
            s.pos += 1
            if d == "\\", let e = s.current { str.append(e); s.pos += 1; continue }
            if d == q { break }
        }
        return str
    }
}
