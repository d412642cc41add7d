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
        let k = i - base
        if k < buffer.count { return buffer[k] }
        return tokenLexingAhead(at: i)
    }

    private mutating func tokenLexingAhead(at i: Int) -> Token {
        while !finished && i - base >= buffer.count { lexBatch() }
        return buffer[min(i - base, buffer.count - 1)]
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
        buffer.removeFirst(k)
        base = i
    }
}
