import Diagnostics

/// The parse's tokens, lexed as the parser reaches them.
///
/// Lexing a whole module up front kept every token in one array: a 10,000-method module is
/// 2.8 million tokens, 134 MB whose pages the kernel had to zero as the lexer wrote them. The
/// parser looks at most a declaration ahead and one token back, so the stream keeps a window:
/// it lexes a batch when the parser reads past its end and drops the tokens before a
/// declaration the parser starts (`discard(before:)`). A module that uses the preprocessor is
/// lexed and expanded whole first, and the stream then reads that array.
struct TokenStream {
    /// Tokens from absolute index `base` on.
    private var buffer: [Token]
    private var base = 0
    /// The chunks' lexers, in order; `next` is the one being read.
    private var lexers: [ILLexer]
    private var next = 0
    /// Whether the buffer ends with the final `.eof`.
    private var finished: Bool
    /// The diagnostics of the lexers read to their end, in chunk order.
    private(set) var lexerDiagnostics: [Diagnostic] = []

    /// Tokens lexed per batch, and the fewest dropped at once (dropping moves the rest down).
    private static let batch = 1024

    /// A stream over tokens already lexed, ending with `.eof`.
    init(tokens: [Token]) {
        buffer = tokens
        lexers = []
        finished = true
    }

    /// A stream that lexes `lexers` in order; `endOfInput` is the `.eof` when there are none.
    init(lexing lexers: [ILLexer], endOfInput: Token) {
        self.lexers = lexers
        buffer = []
        finished = lexers.isEmpty
        if finished { buffer.append(endOfInput) }
    }

    /// The token at absolute index `i`; the final `.eof` for any index past the end.
    @inline(__always)
    mutating func token(at i: Int) -> Token {
        lex(through: i)
        return self[i]
    }

    /// Lexes ahead until the token at absolute index `i` (or the final `.eof`) is in the buffer.
    @inline(__always)
    mutating func lex(through i: Int) {
        if i - base >= buffer.count { lexAhead(through: i) }
    }

    private mutating func lexAhead(through i: Int) {
        while !finished && i - base >= buffer.count { lexBatch() }
    }

    /// The token at absolute index `i`, once `lex(through: i)` has run, lent in place: the parser
    /// asks a token its kind or compares its text several times, and a copy of a token retains
    /// its text each time (a tenth of the parse).
    subscript(i: Int) -> Token {
        @inline(__always) _read { yield buffer[min(i - base, buffer.count - 1)] }
    }

    /// The kind of the token at absolute index `i`, once `lex(through: i)` has run (one field
    /// read, no copy of the token).
    @inline(__always)
    func kind(at i: Int) -> TokenKind { buffer[min(i - base, buffer.count - 1)].kind }

    /// Whether the token at absolute index `i` has the kind `kind` and the text `text`, once
    /// `lex(through: i)` has run.
    @inline(__always)
    func matches(at i: Int, _ kind: TokenKind, _ text: String) -> Bool {
        let k = min(i - base, buffer.count - 1)
        return buffer[k].kind == kind && buffer[k].text == text
    }

    /// Appends up to `batch` tokens, moving to the next chunk at each chunk's end; the last
    /// chunk's `.eof` ends the stream.
    private mutating func lexBatch() {
        var count = 0
        while count < Self.batch {
            let t = lexers[next].next()
            if t.kind == .eof {
                lexerDiagnostics.append(contentsOf: lexers[next].diagnostics)
                next += 1
                if next == lexers.count {
                    buffer.append(t)
                    finished = true
                    return
                }
                continue
            }
            buffer.append(t)
            count += 1
        }
    }

    /// Forgets the tokens before absolute index `i` (the parser will not read them again).
    mutating func discard(before i: Int) {
        let k = i - base
        guard k >= Self.batch, k <= buffer.count else { return }
        buffer.removeSubrange(0..<k)
        base = i
    }
}
