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
public struct Token: Hashable, Sendable, CustomStringConvertible {
    public var kind: TokenKind
    /// Spelling (for strings and quoted names: the decoded value).
    public var text: String
    /// Value of `.integer` tokens (hex wraps by bit pattern: `0xFFFFFFFF` is 4294967295).
    public var intValue: Int64
    /// Value of `.float` tokens (and `.integer` tokens converted).
    public var floatValue: Double
    public var location: SourceLocation

    public init(kind: TokenKind, text: String, intValue: Int64 = 0, floatValue: Double = 0,
                location: SourceLocation) {
        self.kind = kind
        self.text = text
        self.intValue = intValue
        self.floatValue = floatValue
        self.location = location
    }

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

/// Splits ilasm text into tokens, each with a `SourceLocation`.
///
/// Errors (unterminated strings or comments, stray characters) are collected,
/// not thrown, so one pass reports all of them.
public struct ILLexer {
    /// The characters, for text that is not plain ASCII; nil for ASCII text without CR, where each
    /// byte is one Character (only CR LF joins ASCII bytes into one) and `codes` holds them all.
    private let chars: [Character]?
    /// Each character's ASCII code, or `nonASCII` (a "\r\n" Character counts as "\n"): the lexer's
    /// questions about a character are answered from here, not from `Character`'s Unicode properties.
    private let codes: [UInt8]
    private let file: String
    private var index = 0
    private var line: Int
    private var column = 1
    public private(set) var diagnostics: [Diagnostic] = []

    /// Prepares to lex `text`; `firstLine` is the line number of its first line in `file`.
    public init(text: String, file: String, firstLine: Int = 1) {
        // Treat CRLF as one line break: Swift's Character already merges "\r\n".
        if text.utf8.allSatisfy({ $0 < Self.nonASCII && $0 != 0x0D }) {
            self.chars = nil
            self.codes = Array(text.utf8)
        } else {
            let chars = Array(text)
            self.chars = chars
            self.codes = chars.map { $0.asciiValue ?? Self.nonASCII }
        }
        self.file = file
        self.line = firstLine
    }

    /// Lexes everything; the last token is `.eof`.
    public static func tokenize(_ text: String, file: String, firstLine: Int = 1) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = ILLexer(text: text, file: file, firstLine: firstLine)
        var tokens: [Token] = []
        // About one token per five characters in ilasm text: growing by doubling copied every token.
        tokens.reserveCapacity(lexer.codes.count / 5 + 16)
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .eof { break }
        }
        return (tokens, lexer.diagnostics)
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

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

    /// The code of characters that are not ASCII (ASCII codes are below 0x80).
    static let nonASCII: UInt8 = 0x80

    private func isNewline(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? a >= 0x0A && a <= 0x0D : character(at: i).isNewline
    }

    private func isIdentStart(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? Self.identStartTable[Int(a)] : character(at: i).isLetter
    }

    private func isIdentChar(at i: Int) -> Bool {
        let a = codes[i]
        return a < Self.nonASCII ? Self.identCharTable[Int(a)]
            : character(at: i).isLetter || character(at: i).isNumber
    }

    /// `isIdentStart` and `isIdentChar` for each ASCII code.
    private static let identStartTable: [Bool] = (0..<128).map { isIdentStart(Character(Unicode.Scalar(UInt8($0)))) }
    private static let identCharTable: [Bool] = (0..<128).map { isIdentChar(Character(Unicode.Scalar(UInt8($0)))) }

    /// The characters of single-character punctuation tokens, by ASCII code.
    private static let punctTable: [Bool] = (0..<128).map { "{}()[]<>,:=&*!/+-".unicodeScalars.contains(Unicode.Scalar(UInt8($0))) }

    /// Advances over identifier characters and returns them (the text of a name or directive after its first character).
    private mutating func identifierTail() -> String {
        let begin = index
        var ascii = true
        // Identifier characters are never newlines: only the column moves.
        while index < codes.count && isIdentChar(at: index) {
            ascii = ascii && codes[index] < Self.nonASCII
            index += 1
            column += 1
        }
        return ascii ? String(decoding: codes[begin..<index], as: UTF8.self)
            : String((begin..<index).map(character(at:)))
    }

    // ASCII fast paths of the Unicode character properties the lexer asks for. Swift answers
    // `isLetter` and friends from Unicode tables on every call, and IL is nearly all ASCII: the
    // property lookups were a fifth of the time `jitbook jit` spent on a 1000-method module.
    // Each gives the property's own answer for ASCII (a "\r\n" Character's asciiValue is "\n").

    static func isNewline(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a >= 0x0A && a <= 0x0D }
        return c.isNewline
    }

    static func isWhitespace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return c.isWhitespace
    }

    static func isLetter(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return c.isLetter
    }

    static func isNumber(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a >= 0x30 && a <= 0x39 }
        return c.isNumber
    }

    static func isASCIIDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x30 && a <= 0x39
    }

    private mutating func error(_ at: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.syntax, at: at, message))
    }

    /// Skips whitespace and comments.
    private mutating func skipTrivia() {
        while let a = code() {
            if a < Self.nonASCII ? a == 0x20 || (a >= 0x09 && a <= 0x0D)
                : Self.isWhitespace(character(at: index)) || Self.isNewline(character(at: index)) { advance(); continue }
            if a == 0x2F && code(1) == 0x2F {  // `//`
                while index < codes.count && !isNewline(at: index) { advance() }
                continue
            }
            if a == 0x2F && code(1) == 0x2A {  // `/*`
                let start = here
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

    static func isIdentStart(_ c: Character) -> Bool {
        isLetter(c) || c == "_" || c == "$" || c == "@" || c == "`" || c == "?"
    }

    static func isIdentChar(_ c: Character) -> Bool {
        isIdentStart(c) || isNumber(c) || c == "."
    }

    /// Returns the next token.
    public mutating func next() -> Token {
        skipTrivia()
        let start = here
        guard let c = peek(), let a = code() else { return Token(kind: .eof, text: "", location: start) }
        let isDigit1 = code(1).map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        let isIdentStart1 = index + 1 < codes.count && isIdentStart(at: index + 1)

        if a == 0x22 { return lexString(start) }  // "
        if a == 0x27 { return lexQuoted(start) }  // '
        if a >= 0x30 && a <= 0x39 { return lexNumber(start, negative: false) }
        let isDigit2 = code(2).map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        if a == 0x2D && (isDigit1 || (code(1) == 0x2E && isDigit2)) {  // -5, -.5
            advance()
            return lexNumber(start, negative: true)
        }
        // `.25`: a float without its leading zero (ilasm reads it; no directive starts with a digit).
        if a == 0x2E && isDigit1 { return lexNumber(start, negative: false) }
        if a == 0x2E && isIdentStart1 {  // .
            advance()
            return Token(kind: .directive, text: "." + identifierTail(), location: start)
        }
        if a == 0x2E, code(1) == 0x2E, code(2) == 0x2E {
            advance(); advance(); advance()
            return Token(kind: .punct, text: "...", location: start)
        }
        if isIdentStart(at: index) {
            return Token(kind: .identifier, text: identifierTail(), location: start)
        }
        if a == 0x3A && code(1) == 0x3A {  // ::
            advance(); advance()
            return Token(kind: .punct, text: "::", location: start)
        }
        if a == 0x21 && code(1) == 0x21 {  // !!
            advance(); advance()
            return Token(kind: .punct, text: "!!", location: start)
        }
        if a < Self.nonASCII && Self.punctTable[Int(a)] {
            advance()
            return Token(kind: .punct, text: String(c), location: start)
        }
        if a == 0x23 && isIdentStart1 {  // #
            // A preprocessor directive (`#define` ...): ILPreprocessor consumes it.
            advance()
            return Token(kind: .directive, text: "#" + identifierTail(), location: start)
        }
        advance()
        error(start, "unexpected character '\(c)'")
        return next()
    }

    private mutating func lexNumber(_ start: SourceLocation, negative: Bool) -> Token {
        var text = ""
        // Gather digits, letters, dots and exponent signs; decide what it is afterwards.
        while let d = peek() {
            if d.isASCII && (Self.isLetter(d) || Self.isNumber(d) || d == "." || d == "_") {
                text.append(d); advance()
            } else if (d == "+" || d == "-"), let last = text.last, last == "e" || last == "E",
                      !text.lowercased().hasPrefix("0x") {
                text.append(d); advance()
            } else { break }
        }
        let sign = negative ? "-" : ""
        let lower = text.lowercased()
        if lower.hasPrefix("0x"), let u = UInt64(lower.dropFirst(2), radix: 16) {
            let v = Int64(bitPattern: u)
            let value = negative ? 0 &- v : v
            return Token(kind: .integer, text: sign + text, intValue: value, floatValue: Double(value), location: start)
        }
        if let u = UInt64(text) {
            let v = Int64(bitPattern: u)
            let value = negative ? 0 &- v : v
            return Token(kind: .integer, text: sign + text, intValue: value,
                         floatValue: negative ? -Double(u) : Double(u), location: start)
        }
        let written = (text.hasPrefix(".") ? "0" : "") + (text.hasSuffix(".") ? text + "0" : text)
        if text.contains(".") || lower.contains("e"), let f = Double(written) {
            return Token(kind: .float, text: sign + text, floatValue: negative ? -f : f, location: start)
        }
        if negative {
            error(start, "malformed number '-\(text)'")
        }
        return Token(kind: .hexWord, text: sign + text, location: start)
    }

    private mutating func lexString(_ start: SourceLocation) -> Token {
        advance() // opening quote
        var value = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                error(start, "unterminated string")
                return Token(kind: .string, text: value, location: start)
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
                    error(SourceLocation(file: file, line: line, column: column - 2), "unknown escape sequence '\\\(e)'")
                }
                continue
            }
            value.append(c)
        }
        return Token(kind: .string, text: value, location: start)
    }

    private mutating func lexQuoted(_ start: SourceLocation) -> Token {
        advance()
        var value = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                error(start, "unterminated quoted name")
                return Token(kind: .quotedName, text: value, location: start)
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
        return Token(kind: .quotedName, text: value, location: start)
    }
}
