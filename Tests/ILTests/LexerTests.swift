import Testing
import Diagnostics
@testable import IL

@Suite("Lexer")
struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        ILLexer.tokenize(text, file: "l.il").tokens.map(\.kind)
    }

    func texts(_ text: String) -> [String] {
        ILLexer.tokenize(text, file: "l.il").tokens.dropLast().map(\.text)
    }

    @Test func identifiersKeepDotsAndBackticks() {
        #expect(texts("ldc.i4.0 System.Console Task`1 tail. IL_0000") ==
                ["ldc.i4.0", "System.Console", "Task`1", "tail.", "IL_0000"])
        #expect(kinds("ldc.i4.0 tail.") == [.identifier, .identifier, .eof])
    }

    @Test func quotedNamesAndDirectives() {
        let (tokens, diags) = ILLexer.tokenize(".method '.ctor' '<Main>$' .ctor", file: "l.il")
        #expect(diags.isEmpty)
        #expect(tokens.map(\.kind) == [.directive, .quotedName, .quotedName, .directive, .eof])
        #expect(tokens.map(\.text) == [".method", ".ctor", "<Main>$", ".ctor", ""])
    }

    @Test(arguments: [
        ("42", Int64(42)), ("-7", Int64(-7)), ("0x1F", Int64(31)), ("0xffffffff", Int64(4_294_967_295)),
        ("0xFFFFFFFFFFFFFFFF", Int64(-1)), ("-0x10", Int64(-16)),
    ])
    func integers(text: String, value: Int64) {
        let t = ILLexer.tokenize(text, file: "l.il").tokens[0]
        #expect(t.kind == .integer)
        #expect(t.intValue == value)
    }

    @Test(arguments: [("1.5", 1.5), ("-2.25", -2.25), ("1e3", 1000.0), ("1.0000000000000001e+300", 1e300), ("3.", 3.0),
                      (".25", 0.25), ("-.5", -0.5)])
    func floats(text: String, value: Double) {
        let t = ILLexer.tokenize(text, file: "l.il").tokens[0]
        #expect(t.kind == .float)
        #expect(t.floatValue == value)
    }

    @Test func stringEscapes() {
        let t = ILLexer.tokenize(#""a\"b\n\t\\c""#, file: "l.il").tokens[0]
        #expect(t.kind == .string)
        #expect(t.text == "a\"b\n\t\\c")
    }

    @Test func punctuation() {
        #expect(texts("{ } ( ) [ ] < > , : :: = & * ! !! / ...") ==
                ["{", "}", "(", ")", "[", "]", "<", ">", ",", ":", "::", "=", "&", "*", "!", "!!", "/", "..."])
        #expect(texts("IL_0004: br LOOP") == ["IL_0004", ":", "br", "LOOP"])
        #expect(texts("P::'.ctor'") == ["P", "::", ".ctor"])
    }

    @Test func commentsAreSkipped() {
        #expect(texts("a // line comment\n/* block\n comment */ b") == ["a", "b"])
    }

    @Test func locationsAreOneBasedAndRespectFirstLine() {
        let tokens = ILLexer.tokenize("  add\n\tret", file: "f.il", firstLine: 10).tokens
        #expect(tokens[0].location(in: ["f.il"]) == SourceLocation(file: "f.il", line: 10, column: 3))
        #expect(tokens[1].location(in: ["f.il"]) == SourceLocation(file: "f.il", line: 11, column: 2))
    }

    @Test func hexBytesInBlobs() {
        let tokens = ILLexer.tokenize("(01 00 4E e9 0a)", file: "l.il").tokens
        #expect(tokens.map(\.text).dropLast() == ["(", "01", "00", "4E", "e9", "0a", ")"])
        #expect(tokens[3].kind == .hexWord)
    }

    @Test func unterminatedStringIsReported() {
        let diags = ILLexer.tokenize("ldstr \"abc\nret", file: "s.il").diagnostics
        #expect(diags.map(\.description) == ["s.il:1:7: error: unterminated string"])
    }

    @Test func unterminatedCommentIsReported() {
        let diags = ILLexer.tokenize("add /* never closed", file: "c.il").diagnostics
        #expect(diags.map(\.description) == ["c.il:1:5: error: unterminated comment"])
    }

    @Test func strayCharacterIsReported() {
        let (tokens, diags) = ILLexer.tokenize("add # ret", file: "x.il")
        #expect(diags.map(\.description) == ["x.il:1:5: error: unexpected character '#'"])
        #expect(tokens.map(\.text).dropLast() == ["add", "ret"])
    }

    /// The bit set behind `isIdentChar(code:)` holds exactly a name start, a digit or `.`.
    @Test func identifierCharacterBitsMatchTheirRanges() {
        for a in UInt8(0)...255 {
            let expected = a < 0x80 && (ILLexer.isIdentStart(code: a) || (a >= 0x30 && a <= 0x39) || a == 0x2E)
            #expect(ILLexer.isIdentChar(code: a) == expected, "code \(a)")
        }
    }

    /// The eight-bytes-at-a-time scan finds a `#`, a CR or a non-ASCII byte wherever it is.
    @Test(arguments: 0..<20)
    func theTextScanFindsEveryByteItLooksFor(_ offset: Int) {
        let plain = String(repeating: "a", count: 19)
        let at = plain.index(plain.startIndex, offsetBy: offset % 19)
        func with(_ c: Character) -> String { var s = plain; s.insert(c, at: at); return s }
        #expect(!ILLexer(text: plain, file: "p.il").mayHavePreprocessorDirectives)
        #expect(ILLexer(text: with("#"), file: "p.il").mayHavePreprocessorDirectives)
        // A CR and a non-ASCII letter take the Character path: the text still lexes as one name.
        #expect(texts(with("\r")).count == (offset % 19 == 0 ? 1 : 2))
        #expect(texts(with("é")) == [with("é")])
    }

    /// Names that recur are made once; a full name table still gives every name its own text.
    @Test func recurringNamesKeepTheirText() {
        let names = (0..<300).map { "IL_\(String($0, radix: 16))" } + ["System.Collections.Generic.List`1"]
        let text = (names + names).joined(separator: " ")
        #expect(texts(text) == names + names)
    }
}
