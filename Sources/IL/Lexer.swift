import Diagnostics

/// The category of one ilasm token.
///
/// Keywords (`int32`, `class`, `ldarg.0` ...) are lexed as identifiers and
/// recognised by the parser in context, because ilasm lets the same spelling be
/// a keyword in one place and a name in another.
public enum TokenKind: Hashable, Sendable {
    /// A name, keyword or mnemonic: `System.Console`, `int32`, `ldc.i4.0`, `tail.`, `Task`1`.
    case identifier
    /// A single-quoted name: `'.ctor'`, `'<Main>$'` (text is the unquoted name).
    case quotedName
    /// A directive starting with a dot: `.class`, `.method`, `.ctor` (text includes the dot),
    /// or a preprocessor directive starting with `#` (`#define`), which never reaches the parser.
    case directive
    /// An integer literal, decimal or `0x` hex, possibly negative.
    case integer
    /// A floating-point literal.
    case float
    /// A double-quoted string (text is the unescaped value).
    case string
    /// Punctuation: `{ } ( ) [ ] < > , : :: = & * ! !! / + - ...`.
    case punct
    /// A word made of digits and letters that is not a number, e.g. the hex byte `4E` in a blob.
    case hexWord
    /// End of input.
    case eof
}

/// One ilasm token with its spelling and where it starts.
///
/// A token names its file by index (into the parse's file table, see `location(in:)`) and
/// keeps line and column as 32-bit numbers: a parse holds hundreds of thousands of tokens
/// and copies them as it looks ahead, so a token has no reference but its text (inline for
/// the short spellings that are nearly all of them) and no file-name `String` to retain.
public struct Token: Hashable, Sendable, CustomStringConvertible {
    // The one-byte `kind` is stored last: first it padded the token from 48 to 56 bytes, and
    // the stream copies every token into and through its buffer.
    /// Spelling (for strings and quoted names: the decoded value).
    public var text: String
    /// Value of `.integer` tokens (hex wraps by bit pattern: `0xFFFFFFFF` is 4294967295).
    public var intValue: Int64
    /// Value of `.float` tokens (and `.integer` tokens converted).
    public var floatValue: Double
    /// 1-based line of the token's first character.
    public var line: Int32
    /// 1-based column of the token's first character (in characters).
    public var column: Int32
    /// The token's file, as an index into the file table of its parse (0 for a lone `ILLexer.tokenize`).
    public var fileIndex: Int32
    public var kind: TokenKind

    public init(kind: TokenKind, text: String, intValue: Int64 = 0, floatValue: Double = 0,
                line: Int32, column: Int32, fileIndex: Int32 = 0) {
        self.kind = kind
        self.text = text
        self.intValue = intValue
        self.floatValue = floatValue
        self.line = line
        self.column = column
        self.fileIndex = fileIndex
    }

    /// Where the token starts, given the file table its `fileIndex` points into.
    public func location(in files: [String]) -> SourceLocation {
        SourceLocation(file: files[Int(fileIndex)], line: Int(line), column: Int(column))
    }

    /// True if `other` starts on the same line of the same file.
    func isOnSameLine(as other: Token) -> Bool { line == other.line && fileIndex == other.fileIndex }

    /// Human-readable form used in "expected X, found Y" messages.
    public var description: String {
        switch kind {
        case .eof: "end of input"
        case .string: "string \"\(text)\""
        case .quotedName: "'\(text)'"
        default: "'\(text)'"
        }
    }

    /// True if this is the punctuation `p`.
    public func isPunct(_ p: String) -> Bool { kind == .punct && text == p }
    /// True if this is the identifier (keyword) `w`.
    public func isWord(_ w: String) -> Bool { kind == .identifier && text == w }
    /// True if this is the directive `d` (written with its dot, e.g. `.class`).
    public func isDirective(_ d: String) -> Bool { kind == .directive && text == d }
}

/// Splits ilasm text into tokens, each with its line and column.
///
/// Errors (unterminated strings or comments, stray characters) are collected,
/// not thrown, so one pass reports all of them.
///
/// The lexer reads one code per character (`codes`): for ASCII text without CR (what monodis
/// and the book write) those are the UTF-8 bytes themselves, and every question the lexer asks
/// about a character is answered from its byte; other text also keeps its `Character`s.
public struct ILLexer {
    /// The characters, for text that is not plain ASCII; nil for ASCII text without CR, where each
    /// byte is one Character (only CR LF joins ASCII bytes into one) and `codes` holds them all.
    private let chars: [Character]?
    /// Each character's ASCII code, or `nonASCII` (a "\r\n" Character counts as "\n"): the lexer's
    /// questions about a character are answered from here, not from `Character`'s Unicode properties.
    private let codes: [UInt8]
    private let file: String
    /// The `fileIndex` of every token this lexer makes.
    private let fileIndex: Int32
    private var index = 0
    private var line: Int
    private var column = 1
    public private(set) var diagnostics: [Diagnostic] = []
    /// The short names made so far, by their bytes (see `identifierText(from:)`).
    private var names: NameTable
    /// Whether a preprocessor directive (`#define` ...) was lexed: without one, the parse skips
    /// the preprocessor's pass over the tokens.
    private(set) var sawPreprocessorDirective = false

    /// Where a token starts: the lexer's line and column when it began reading it.
    private typealias Start = (line: Int, column: Int)

    /// Prepares to lex `text`; `firstLine` is the line number of its first line in `file`.
    public init(text: String, file: String, firstLine: Int = 1) {
        self.init(text: text, file: file, firstLine: firstLine, fileIndex: 0)
    }

    /// Prepares to lex `text`, whose tokens name their file as `fileIndex` (of the parse's file table).
    init(text: String, file: String, firstLine: Int, fileIndex: Int32) {
        let bytes = Array(text.utf8)
        let scan = Self.scan(bytes)
        // Treat CRLF as one line break: Swift's Character already merges "\r\n".
        if scan.isPlainASCII {
            self.chars = nil
            self.codes = bytes
        } else {
            let chars = Array(text)
            self.chars = chars
            self.codes = chars.map { $0.asciiValue ?? Self.nonASCII }
        }
        self.mayHavePreprocessorDirectives = scan.hasHash
        self.names = NameTable(textLength: bytes.count)
        self.file = file
        self.fileIndex = fileIndex
        self.line = firstLine
    }

    /// Whether the text has a `#` anywhere: without one it has no preprocessor directive.
    let mayHavePreprocessorDirectives: Bool

    /// One pass over the text's bytes: whether every byte is ASCII and none is CR (so each byte
    /// is one `Character`), and whether a `#` occurs.
    ///
    /// It reads eight bytes at a time and asks all three questions of the word at once (a
    /// byte-by-byte loop with a branch per byte did not vectorise: two such passes were 3% of
    /// a parse). `x ^ (b * ones)` has a zero byte exactly where `x` has the byte `b`, and
    /// `(y - ones) & ~y & highs` is nonzero exactly when `y` has a zero byte.
    private static func scan(_ bytes: [UInt8]) -> (isPlainASCII: Bool, hasHash: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ y: UInt64) -> Bool { (y &- ones) & ~y & highs != 0 }
        return bytes.withUnsafeBytes { raw in
            var high: UInt64 = 0
            var carriageReturn = false
            var hash = false
            var i = 0
            while i + 8 <= raw.count {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                high |= x
                carriageReturn = carriageReturn || hasZeroByte(x ^ (0x0D &* ones))
                hash = hash || hasZeroByte(x ^ (0x23 &* ones))
                i += 8
            }
            while i < raw.count {
                let b = raw[i]
                high |= UInt64(b)
                carriageReturn = carriageReturn || b == 0x0D
                hash = hash || b == 0x23
                i += 1
            }
            return (high & highs == 0 && !carriageReturn, hash)
        }
    }

    /// Lexes everything; the last token is `.eof`.
    public static func tokenize(_ text: String, file: String, firstLine: Int = 1) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = ILLexer(text: text, file: file, firstLine: firstLine)
        var tokens: [Token] = []
        tokens.append(lexer.lex(appendingTo: &tokens))
        return (tokens, lexer.diagnostics)
    }

    /// Appends every token but the last to `tokens` and returns the last, `.eof` (a parse of
    /// several chunks reads them as one stream, with one `.eof` at the very end).
    mutating func lex(appendingTo tokens: inout [Token]) -> Token {
        // About one token per five characters in ilasm text: growing by doubling copied every token.
        tokens.reserveCapacity(tokens.count + codes.count / 5 + 16)
        while true {
            let t = next()
            if t.kind == .eof { return t }
            tokens.append(t)
        }
    }

    /// A token of this lexer's file that starts at `start`.
    private func token(_ kind: TokenKind, _ text: String, at start: Start, intValue: Int64 = 0, floatValue: Double = 0) -> Token {
        Token(kind: kind, text: text, intValue: intValue, floatValue: floatValue,
              line: Int32(truncatingIfNeeded: start.line), column: Int32(truncatingIfNeeded: start.column),
              fileIndex: fileIndex)
    }

    private func peek(_ k: Int = 0) -> Character? {
        index + k < codes.count ? character(at: index + k) : nil
    }

    /// The ASCII code of the character `k` ahead (`nonASCII` for any other), nil at the end.
    private func code(_ k: Int = 0) -> UInt8? {
        index + k < codes.count ? codes[index + k] : nil
    }

    /// Character `i` (from its code in ASCII text).
    private func character(at i: Int) -> Character {
        chars?[i] ?? Character(Unicode.Scalar(codes[i]))
    }

    private mutating func advance() {
        guard index < codes.count else { return }
        if isNewline(at: index) { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    /// Moves past `count` ASCII characters known not to be newlines (punctuation): only the column moves.
    private mutating func skipASCII(_ count: Int) {
        index += count
        column += count
    }

    /// The code of characters that are not ASCII (ASCII codes are below 0x80).
    static let nonASCII: UInt8 = 0x80

    private func isNewline(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? a >= 0x0A && a <= 0x0D : character(at: i).isNewline
    }

    private func isIdentStart(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? Self.isIdentStart(code: a) : character(at: i).isLetter
    }

    private func isIdentChar(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? Self.isIdentChar(code: a)
            : character(at: i).isLetter || character(at: i).isNumber
    }

    /// Whether the ASCII character `a` starts a name: a letter, `_`, `$`, `@`, a backtick or `?`.
    static func isIdentStart(code a: UInt8) -> Bool {
        let folded = a | 0x20
        return (folded >= 0x61 && folded <= 0x7A) || a == 0x5F || a == 0x24 || a == 0x40 || a == 0x60 || a == 0x3F
    }

    /// Whether the ASCII character `a` continues a name: a name start, a digit or `.`.
    ///
    /// One bit test (asked per character of every name): bit `a` of the 128-bit set of those
    /// codes, `0x83FF_4010_0000_0000` for codes 0-63 (`$ . 0-9 ?`) and `0x07FF_FFFF_87FF_FFFF`
    /// for 64-127 (`@ A-Z _` a backtick and `a-z`); `LexerTests` checks it against the ranges.
    static func isIdentChar(code a: UInt8) -> Bool {
        let word: UInt64 = a < 64 ? 0x83FF_4010_0000_0000 : 0x07FF_FFFF_87FF_FFFF
        return a < nonASCII && (word >> UInt64(a & 63)) & 1 != 0
    }

    /// The text of a one-character punctuation token `{}()[]<>,:=&*!/+-`, by ASCII code; nil for others.
    private static func punctText(code a: UInt8) -> String? {
        switch a {
        case 0x7B: "{"
        case 0x7D: "}"
        case 0x28: "("
        case 0x29: ")"
        case 0x5B: "["
        case 0x5D: "]"
        case 0x3C: "<"
        case 0x3E: ">"
        case 0x2C: ","
        case 0x3A: ":"
        case 0x3D: "="
        case 0x26: "&"
        case 0x2A: "*"
        case 0x21: "!"
        case 0x2F: "/"
        case 0x2B: "+"
        case 0x2D: "-"
        default: nil
        }
    }

    /// Advances over identifier characters and returns the text from `begin` (where the name or
    /// directive starts, its first character possibly already read) to the last of them.
    private mutating func identifierText(from begin: Int) -> String {
        var ascii = true
        // Identifier characters are never newlines: only the column moves. The scan keeps its
        // position in a local (writing `index` and `column` back per character was most of
        // the lexer's time in names) and runs over ASCII bytes alone; a letter or digit that is
        // not ASCII (rare) is taken here and the scan goes on after it.
        let start = index
        var end = Self.endOfASCIIName(in: codes, from: index)
        while end < codes.count && codes[end] >= Self.nonASCII && isIdentChar(at: end) {
            ascii = false
            end = Self.endOfASCIIName(in: codes, from: end + 1)
        }
        index = end
        column += end - start
        guard ascii else { return String((begin..<index).map(character(at:))) }
        // A short name is looked up by its bytes (nearly every name recurs); a long one is made.
        let key = codes.withUnsafeBufferPointer { PackedName(UnsafeBufferPointer(rebasing: $0[begin..<end])) }
        guard let key else { return text(begin..<end) }
        if let known = names.name(key) { return known }
        let made = text(begin..<end)
        names.insert(made, for: key)
        return made
    }

    /// The index of the first code from `i` on that is not an ASCII name character (`codes.count` at the end).
    private static func endOfASCIIName(in codes: [UInt8], from i: Int) -> Int {
        codes.withUnsafeBufferPointer { codes in
            var end = i
            while end < codes.count && isIdentChar(code: codes[end]) { end += 1 }
            return end
        }
    }

    /// The ASCII text of `codes[range]`, decoded from the bytes in place (a slice of `codes`
    /// would retain the array).
    private func text(_ range: Range<Int>) -> String {
        codes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    // ASCII fast paths of the Unicode character properties the lexer asks about characters
    // that are not ASCII bytes (ASCII ones are answered from their codes). Each gives the
    // property's own answer for ASCII (a "\r\n" Character's asciiValue is "\n").

    static func isNewline(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a >= 0x0A && a <= 0x0D }
        return c.isNewline
    }

    static func isWhitespace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return c.isWhitespace
    }

    private mutating func error(_ at: Start, _ message: String) {
        diagnostics.append(Diagnostic(.syntax, at: SourceLocation(file: file, line: at.line, column: at.column), message))
    }

    /// Skips whitespace and comments.
    private mutating func skipTrivia() {
        while index < codes.count {
            let a = codes[index]
            if a == 0x20 || a == 0x09 {
                index += 1
                column += 1
                continue
            }
            if a >= 0x0A && a <= 0x0D {
                index += 1
                line += 1
                column = 1
                continue
            }
            if a >= Self.nonASCII {
                let c = character(at: index)
                if Self.isWhitespace(c) || Self.isNewline(c) { advance(); continue }
                break
            }
            if a == 0x2F && code(1) == 0x2F {  // `//`: to the end of the line (comments hold no newlines)
                while index < codes.count {
                    let d = codes[index]
                    if d < Self.nonASCII ? d >= 0x0A && d <= 0x0D : isNewline(at: index) { break }
                    index += 1
                    column += 1
                }
                continue
            }
            if a == 0x2F && code(1) == 0x2A {  // `/*`
                let start: Start = (line, column)
                advance(); advance()
                var closed = false
                while let d = code() {
                    if d == 0x2A && code(1) == 0x2F { advance(); advance(); closed = true; break }
                    advance()
                }
                if !closed { error(start, "unterminated comment") }
                continue
            }
            break
        }
    }

    /// True if the character `k` ahead is an ASCII digit.
    private func isDigit(_ k: Int) -> Bool {
        guard let a = code(k) else { return false }
        return a >= 0x30 && a <= 0x39
    }

    /// Returns the next token.
    public mutating func next() -> Token {
        skipTrivia()
        let start: Start = (line, column)
        guard let a = code() else { return token(.eof, "", at: start) }

        if Self.isIdentStart(code: a) || (a >= Self.nonASCII && isIdentStart(at: index)) {
            return token(.identifier, identifierText(from: index), at: start)
        }
        if a == 0x22 { return lexString(start) }  // "
        if a == 0x27 { return lexQuoted(start) }  // '
        if a >= 0x30 && a <= 0x39 { return lexNumber(start, negative: false) }
        if a == 0x2D && (isDigit(1) || (code(1) == 0x2E && isDigit(2))) {  // -5, -.5
            advance()
            return lexNumber(start, negative: true)
        }
        // Asked only after a `.` or `#` (most tokens that reach here are punctuation).
        var isIdentStart1: Bool { index + 1 < codes.count && isIdentStart(at: index + 1) }
        if a == 0x2E {
            // `.25`: a float without its leading zero (ilasm reads it; no directive starts with a digit).
            if isDigit(1) { return lexNumber(start, negative: false) }
            if isIdentStart1 {
                skipASCII(1)
                return token(.directive, identifierText(from: index - 1), at: start)
            }
            if code(1) == 0x2E, code(2) == 0x2E {
                skipASCII(3)
                return token(.punct, "...", at: start)
            }
        }
        if a == 0x3A && code(1) == 0x3A {  // ::
            skipASCII(2)
            return token(.punct, "::", at: start)
        }
        if a == 0x21 && code(1) == 0x21 {  // !!
            skipASCII(2)
            return token(.punct, "!!", at: start)
        }
        if let p = Self.punctText(code: a) {
            skipASCII(1)
            return token(.punct, p, at: start)
        }
        if a == 0x23 && isIdentStart1 {  // #
            // A preprocessor directive (`#define` ...): ILPreprocessor consumes it.
            skipASCII(1)
            sawPreprocessorDirective = true
            return token(.directive, identifierText(from: index - 1), at: start)
        }
        let c = character(at: index)
        advance()
        error(start, "unexpected character '\(c)'")
        return next()
    }

    private mutating func lexNumber(_ start: Start, negative: Bool) -> Token {
        let begin = index
        var hex = false
        // Gather digits, letters, dots and exponent signs; decide what it is afterwards. All of
        // them are ASCII and none is a newline: only the column moves.
        while index < codes.count {
            let d = codes[index]
            let folded = d | 0x20
            let isPart = (folded >= 0x61 && folded <= 0x7A) || (d >= 0x30 && d <= 0x39) || d == 0x2E || d == 0x5F
            // `+` or `-` after an `e` of a number that is not hex: an exponent's sign.
            let isExponentSign = (d == 0x2B || d == 0x2D) && index > begin && codes[index - 1] | 0x20 == 0x65 && !hex
            guard isPart || isExponentSign else { break }
            if index == begin + 1 && folded == 0x78 && codes[begin] == 0x30 { hex = true }  // 0x
            index += 1
            column += 1
        }
        let text = String(decoding: codes[begin..<index], as: UTF8.self)
        // The token's text keeps its sign (the `-` just before `begin`).
        let spelled = negative ? String(decoding: codes[(begin - 1)..<index], as: UTF8.self) : text
        if hex, let u = UInt64(text.dropFirst(2), radix: 16) {
            let v = Int64(bitPattern: u)
            let value = negative ? 0 &- v : v
            return token(.integer, spelled, at: start, intValue: value, floatValue: Double(value))
        }
        if let u = UInt64(text) {
            let v = Int64(bitPattern: u)
            let value = negative ? 0 &- v : v
            return token(.integer, spelled, at: start, intValue: value, floatValue: negative ? -Double(u) : Double(u))
        }
        let written = (text.hasPrefix(".") ? "0" : "") + (text.hasSuffix(".") ? text + "0" : text)
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let f = Double(written) {
            return token(.float, spelled, at: start, floatValue: negative ? -f : f)
        }
        if negative {
            error(start, "malformed number '-\(text)'")
        }
        return token(.hexWord, spelled, at: start)
    }

    private mutating func lexString(_ start: Start) -> Token {
        advance() // opening quote
        var value = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                error(start, "unterminated string")
                return token(.string, value, at: start)
            }
            advance()
            if c == "\"" { break }
            if c == "\\" {
                guard let e = peek() else { continue }
                advance()
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "0": value.append("\0")
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "'": value.append("'")
                case "a": value.append("\u{07}")
                case "b": value.append("\u{08}")
                case "f": value.append("\u{0C}")
                case "v": value.append("\u{0B}")
                default:
                    if e.isNewline { continue } // line continuation
                    error((line, column - 2), "unknown escape sequence '\\\(e)'")
                }
                continue
            }
            value.append(c)
        }
        return token(.string, value, at: start)
    }

    private mutating func lexQuoted(_ start: Start) -> Token {
        advance()
        var value = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                error(start, "unterminated quoted name")
                return token(.quotedName, value, at: start)
            }
            advance()
            if c == "'" { break }
            if c == "\\", let e = peek() {
                advance()
                value.append(e)
                continue
            }
            value.append(c)
        }
        return token(.quotedName, value, at: start)
    }
}
