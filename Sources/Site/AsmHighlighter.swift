/// Tokenizes JitDisasm-style listings: labels, mnemonics, registers, numbers, comments.
public enum AsmHighlighter {
    static let x64Registers: Set<String> = {
        var r: Set<String> = ["rip", "eip"]
        for n in ["ax", "bx", "cx", "dx", "si", "di", "sp", "bp"] {
            r.insert("r" + n); r.insert("e" + n); r.insert(n)
        }
        for n in ["al", "bl", "cl", "dl", "ah", "bh", "ch", "dh", "sil", "dil", "spl", "bpl"] { r.insert(n) }
        for i in 8...15 { for suffix in ["", "d", "w", "b"] { r.insert("r\(i)\(suffix)") } }
        for i in 0...15 { r.insert("xmm\(i)"); r.insert("ymm\(i)") }
        return r
    }()

    static let arm64Registers: Set<String> = {
        var r: Set<String> = ["sp", "xzr", "wzr", "fp", "lr", "pc"]
        for i in 0...30 { r.insert("x\(i)"); r.insert("w\(i)") }
        for i in 0...31 { for p in ["v", "d", "s", "q", "h", "b"] { r.insert("\(p)\(i)") } }
        return r
    }()

    static let sizeKeywords: Set<String> = ["byte", "word", "dword", "qword", "xmmword", "ymmword", "ptr",
                                            "lsl", "lsr", "asr", "sxtw", "uxtw"]

    /// True for a register name of either architecture.
    public static func isRegister(_ word: String) -> Bool {
        x64Registers.contains(word) || arm64Registers.contains(word)
    }

    public static func tokens(_ text: String) -> [HighlightToken] {
        var out: [HighlightToken] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            var s = Scanner(String(line))
            var sawMnemonic = false
            var atLineStart = true
            while let c = s.current {
                if c == ";" || s.starts(with: "//") {
                    append(&out, .comment, s.rest())
                } else if c == " " || c == "\t" {
                    append(&out, nil, s.take { $0 == " " || $0 == "\t" })
                    continue
                } else if c == "#" || c.isDigitChar || (c == "-" && (s.peek(1)?.isDigitChar ?? false)) {
                    var num = ""
                    if c == "#" || c == "-" { num.append(c); s.pos += 1 }
                    if s.current == "-" { num.append("-"); s.pos += 1 }
                    num += s.take { $0.isHexDigit || $0 == "x" || $0 == "X" || $0 == "." }
                    append(&out, .number, num)
                } else if c.isIdentStart {
                    let word = s.take { $0.isIdentPart || $0 == "." }
                    if atLineStart && s.current == ":" {
                        append(&out, .label, word + ":")
                        s.pos += 1
                    } else if isBlockLabel(word) {
                        append(&out, .label, word)
                    } else if !sawMnemonic {
                        append(&out, .op, word)
                        sawMnemonic = true
                    } else if isRegister(word) {
                        append(&out, .register, word)
                    } else if sizeKeywords.contains(word) {
                        append(&out, .keyword, word)
                    } else {
                        append(&out, nil, word)
                    }
                } else {
                    append(&out, nil, String(c))
                    s.pos += 1
                }
                atLineStart = false
            }
            if i < lines.count - 1 { append(&out, nil, "\n") }
        }
        return out
    }

    /// `G_M32752_IG02` (an instruction group label).
    static func isBlockLabel(_ w: String) -> Bool {
        guard w.hasPrefix("G_M"), let r = w.range(of: "_IG") else { return false }
        let id = w[w.index(w.startIndex, offsetBy: 3)..<r.lowerBound]
        let ig = w[r.upperBound...]
        return !id.isEmpty && !ig.isEmpty && id.allSatisfy(\.isDigitChar) && ig.allSatisfy(\.isDigitChar)
    }
}
