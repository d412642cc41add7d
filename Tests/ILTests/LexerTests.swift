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
}
