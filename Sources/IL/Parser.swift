import Diagnostics

/// One piece of IL text and where it starts in its file (chapters hold IL in several blocks).
///
/// The parser reads all chunks of a module as one token stream, so a class may
/// open in one chunk and close in a later one, while every diagnostic still
/// points at the right line of the right file.
public struct SourceChunk: Sendable {
    public var text: String
    public var file: String
    public var firstLine: Int

    public init(text: String, file: String, firstLine: Int = 1) {
        self.text = text
        self.file = file
        self.firstLine = firstLine
    }
}

/// The ilasm parser: IL text in, `Module` out.
///
/// It accepts what the real `ilasm` accepts for the subset the book uses, and
/// everything `monodis` prints for ordinary C# code, so real tool output can be
/// used as test input.
public enum ILParser {
    /// Parses chunks, in order, as ONE token stream into one Module (a class may open in one
    /// chunk and close in a later one). Throws DiagnosticList with every error found.
    public static func parse(_ chunks: [SourceChunk], assemblyName: String) throws -> Module {
        // Tokens name their file by index into `files` (one entry per distinct file name).
        var files: [String] = []
        var fileIndices: [String: Int32] = [:]
        var lexers: [ILLexer] = []
        for chunk in chunks {
            let fileIndex: Int32
            if let known = fileIndices[chunk.file] { fileIndex = known } else {
                fileIndex = Int32(files.count)
                files.append(chunk.file)
                fileIndices[chunk.file] = fileIndex
            }
            lexers.append(ILLexer(text: chunk.text, file: chunk.file, firstLine: chunk.firstLine, fileIndex: fileIndex))
        }
        if files.isEmpty { files = ["<input>"] }
        var diagnostics: [Diagnostic] = []
        let stream: TokenStream
        if lexers.contains(where: \.mayHavePreprocessorDirectives) {
            // The preprocessor rewrites the whole token list: lex everything first.
            var tokens: [Token] = []
            var endOfInput: Token?
            var sawPreprocessorDirective = false
            for i in lexers.indices {
                endOfInput = lexers[i].lex(appendingTo: &tokens)
                diagnostics.append(contentsOf: lexers[i].diagnostics)
                sawPreprocessorDirective = sawPreprocessorDirective || lexers[i].sawPreprocessorDirective
            }
            tokens.append(endOfInput ?? Token(kind: .eof, text: "", line: 1, column: 1, fileIndex: 0))
            if sawPreprocessorDirective {
                tokens = ILPreprocessor.expand(tokens, files: files, diagnostics: &diagnostics)
            }
            stream = TokenStream(tokens: tokens)
        } else {
            stream = TokenStream(lexing: lexers, endOfInput: Token(kind: .eof, text: "", line: 1, column: 1, fileIndex: 0))
        }
        let parser = ParserState(tokens: stream, files: files, module: Module(assemblyName: assemblyName))
        parser.parseTopLevel()
        // Lexer (and preprocessor) errors first, then the parser's, as when the lexer ran first.
        parser.diagnostics = diagnostics + parser.tokens.lexerDiagnostics + parser.diagnostics
        if !parser.diagnostics.isEmpty {
            var fileOrder: [String: Int] = [:]
            for chunk in chunks where fileOrder[chunk.file] == nil { fileOrder[chunk.file] = fileOrder.count }
            let sorted = parser.diagnostics.enumerated().sorted { a, b in
                let ka = (fileOrder[a.element.location.file] ?? Int.max, a.element.location.line, a.element.location.column, a.offset)
                let kb = (fileOrder[b.element.location.file] ?? Int.max, b.element.location.line, b.element.location.column, b.offset)
                return ka < kb
            }.map(\.element)
            throw DiagnosticList(sorted)
        }
        return parser.module
    }

    /// Parses one whole file into a module named after `.assembly` (or the file name).
    public static func parse(_ text: String, file: String) throws -> Module {
        var base = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        return try parse([SourceChunk(text: text, file: file)], assemblyName: base)
    }
}

/// Shared mutable state of one parse: the token cursor, diagnostics and the module being built.
///
/// The grammar is split across files by concern (declarations, types, bodies);
/// each file extends this class.
final class ParserState {
    /// The tokens, lexed as the parser reaches them.
    var tokens: TokenStream
    /// The file names the tokens' `fileIndex` points into.
    let files: [String]
    var pos = 0
    let module: Module
    var diagnostics: [Diagnostic] = []

    /// Namespace prefixes from enclosing `.namespace` blocks.
    var namespaceStack: [String] = []
    /// Classes being defined, innermost last.
    var classStack: [TypeDef] = []
    /// Generic parameter names of the method whose header/body is being parsed.
    var methodGenericNames: [String] = []
    /// While parsing a method header before its `<T>` list is known: `!!T` names seen so far.
    var deferredMethodParams: [String]?
    /// Where each deferred `!!T` was first written (parallel to `deferredMethodParams`).
    var deferredMethodParamLocations: [SourceLocation] = []
    /// An empty label table with the capacity of the last body's, for the next body to fill.
    var spareLabels = LabelTable()
    /// The instruction count of the last body parsed (the next body reserves as many).
    var lastBodyInstructionCount = 0

    init(tokens: TokenStream, files: [String], module: Module) {
        self.tokens = tokens
        self.files = files
        self.module = module
    }

    // MARK: Cursor
    //
    // Always inlined: the grammar asks these several times per token, mostly to compare the
    // token or to drop it, which the optimizer can then do without a call.

    @inline(__always) var current: Token {
        _read {
            tokens.lex(through: pos)
            yield tokens[pos]
        }
    }
    @inline(__always) func peek(_ k: Int = 1) -> Token { tokens.token(at: pos + k) }
    @inline(__always) var atEnd: Bool { currentKind == .eof }

    /// The current token's kind (read in place, not copied).
    @inline(__always) var currentKind: TokenKind {
        tokens.lex(through: pos)
        return tokens.kind(at: pos)
    }

    /// Whether the current token has the kind `kind` and the text `text` (read in place, not copied).
    @inline(__always) func currentIs(_ kind: TokenKind, _ text: String) -> Bool {
        tokens.lex(through: pos)
        return tokens.matches(at: pos, kind, text)
    }

    /// Whether the current token is the punctuation `p`.
    @inline(__always) func currentIsPunct(_ p: String) -> Bool { currentIs(.punct, p) }

    /// Whether the token after the current one is the punctuation `p` (read in place, not copied).
    @inline(__always) func nextIsPunct(_ p: String) -> Bool {
        tokens.lex(through: pos + 1)
        return tokens.matches(at: pos + 1, .punct, p)
    }

    /// The token `k` before the current one (the parser looks back at most within a declaration).
    func previous(_ k: Int = 1) -> Token { tokens.token(at: max(pos - k, 0)) }

    /// Where `t` starts in its file.
    func location(of t: Token) -> SourceLocation { t.location(in: files) }

    /// Where the current token starts.
    var currentLocation: SourceLocation { location(of: current) }

    @discardableResult @inline(__always)
    func advance() -> Token {
        let t = current
        // The final `.eof` is the only one: the cursor stays on it.
        if t.kind != .eof { pos += 1 }
        return t
    }

    /// Moves past the current token without returning it (no copy).
    @inline(__always) func skip() {
        if currentKind != .eof { pos += 1 }
    }

    func error(_ kind: DiagnosticKind = .syntax, at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(kind, at: location, message))
    }

    /// Thrown inside a production to abandon it; the caller resynchronises.
    struct Abandon: Error {}

    /// Records "expected X, found Y" at the current token and abandons the production.
    func fail(_ expected: String) -> Abandon {
        error(at: currentLocation, "expected \(expected), found \(current)")
        return Abandon()
    }

    func acceptPunct(_ p: String) -> Bool {
        if currentIsPunct(p) { pos += 1; return true }
        return false
    }

    func acceptWord(_ w: String) -> Bool {
        if currentIs(.identifier, w) { pos += 1; return true }
        return false
    }

    func expectPunct(_ p: String) throws {
        if !acceptPunct(p) { throw fail("'\(p)'") }
    }

    func expectInteger(_ what: String = "an integer") throws -> Int64 {
        guard current.kind == .integer else { throw fail(what) }
        return advance().intValue
    }

    /// A name: identifier, quoted name, or `.ctor`/`.cctor`.
    func expectName(_ what: String = "a name") throws -> String {
        let t = current
        switch t.kind {
        case .identifier, .quotedName:
            skip()
            return t.text
        case .directive where t.text == ".ctor" || t.text == ".cctor":
            skip()
            return t.text
        default:
            throw fail(what)
        }
    }

    /// A possibly dotted name that may mix identifiers and quoted parts: `Ns.'<Foo>'`.
    func expectDottedName(_ what: String = "a name") throws -> String {
        var name = try expectName(what)
        while name.hasSuffix("."), current.kind == .quotedName || current.kind == .identifier,
              current.line == previous().line {
            name += advance().text
        }
        return name
    }

    var isNameToken: Bool { current.kind == .identifier || current.kind == .quotedName }

    /// Skips a balanced group starting at the current opening bracket.
    func skipBalanced() {
        let pairs: [String: String] = ["(": ")", "{": "}", "[": "]"]
        guard current.kind == .punct, let close = pairs[current.text] else { skip(); return }
        let open = current.text
        var depth = 0
        repeat {
            if current.isPunct(open) { depth += 1 }
            else if current.isPunct(close) { depth -= 1 }
            skip()
        } while depth > 0 && !atEnd
    }

    /// Skips tokens until one on a later line than `first`'s (or `}` / end).
    func skipRestOfLine(of first: Token) {
        while !atEnd, current.isOnSameLine(as: first), !current.isPunct("}") {
            skip()
        }
    }

    /// Skips to the next directive or closing brace at this nesting level (error recovery).
    func skipToNextDeclaration() {
        while !atEnd {
            if current.kind == .directive || current.isPunct("}") { return }
            if current.isPunct("{") { skipBalanced(); continue }
            skip()
        }
    }
}
