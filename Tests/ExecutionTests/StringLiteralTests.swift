import Execution
import IL
import JIT
import Runtime
import Testing

@Suite struct StringLiteralTests {
    static let hello = Programs.program(main: """
        ldstr "Hello"
        call void [System.Console]System.Console::WriteLine(string)
        ret
        """, returns: "void")

    @Test func frozenStringLayout() {
        let strings = FrozenStrings(literals: ["Hi", "Hi", "abc"])
        #expect(strings.values == ["Hi", "abc"])
        #expect(strings.address(of: "Hi") == 0x7FF0_0030_0010)
        // MethodTable* (8) + length (4) + 2 chars (4) + terminator (2) = 18, padded to 24.
        #expect(strings.address(of: "abc") == 0x7FF0_0030_0010 + 24)
        let b = strings.bytes
        #expect(Array(b[0..<8]) == [2, 0, 0, 0, 14, 0, 0, 0])
        #expect(Array(b[16..<24]) == [0x00, 0x00, 0x30, 0x00, 0xF0, 0x7F, 0x00, 0x00])
        #expect(Array(b[24..<34]) == [2, 0, 0, 0, 0x48, 0, 0x69, 0, 0, 0])
        #expect(b.count == 16 + 24 + 24)
    }

    @Test func orderIsFirstLdstrInModuleOrder() throws {
        let text = Programs.program(main: "ldstr \"b\"\ncall void [mscorlib]System.Console::Write(string)\nret",
                                    returns: "void",
                                    extra: ".method static void A() { ldstr \"a\" ldstr \"b\" pop pop ret }")
        let strings = FrozenStrings(module: try Programs.module(text))
        #expect(strings.values == ["b", "a"])
    }

    @Test func x64ListingCommentsTheHandle() throws {
        let c = ModuleCompiler(module: try Programs.module(Self.hello))
        let out = try c.compile(MethodSelector(typeName: "Program", methodName: "Main"), arch: .x64,
                                dumps: [.importation], location: .synthetic("t"))
        #expect(out.listing.contains("       mov      rdi, 0x7FF000300010      ; 'Hello'\n"))
        #expect(out.listing.contains("       call     [System.Console:WriteLine(System.String)]\n"))
        #expect(out.dumps[.importation]?.contains("CNS_INT   ref    0x7FF000300010 'Hello'") == true)
    }

    @Test func arm64ListingCommentsTheFirstMove() throws {
        let c = ModuleCompiler(module: try Programs.module(Self.hello))
        let out = try c.compile(MethodSelector(typeName: "Program", methodName: "Main"), arch: .arm64,
                                location: .synthetic("t"))
        let lines = out.listing.split(separator: "\n").map(String.init)
        guard let i = lines.firstIndex(where: { $0.contains("'Hello'") }) else {
            Issue.record("no commented move:\n\(out.listing)")
            return
        }
        #expect(lines[i].hasSuffix("// 'Hello'"))
        #expect(lines[i].contains("x0, #16"))
        #expect(lines[i + 1].contains("movk    x0, #48 LSL #16"))
        #expect(!lines[i + 1].contains("//"))
    }

    @Test(arguments: [
        ("Hello", "'Hello'"),
        ("it's", "'it\\'s'"),
        ("a\\b", "'a\\\\b'"),
        ("line\n", "'line\\n'"),
        ("é", "'\\u00E9'"),
        (String(repeating: "x", count: 45), "'" + String(repeating: "x", count: 40) + "'..."),
    ])
    func commentEscaping(_ value: String, _ comment: String) {
        #expect(StringLiteralText.comment(value) == comment)
    }

    @Test func sameLiteralIsTheSameObject() throws {
        // Two loads of one literal are one frozen object: the compare of the two handles folds to 1,
        // and different literals compare unequal.
        let text = Programs.program(main: """
            ldstr "s"
            ldstr "s"
            ceq
            ldstr "s"
            ldstr "t"
            ceq
            add
            ret
            """)
        let c = ModuleCompiler(module: try Programs.module(text))
        let out = try c.compile(MethodSelector(typeName: "Program", methodName: "Main"), arch: .x64,
                                dumps: [.importation, .morph], location: .synthetic("t"))
        #expect(out.dumps[.importation]?.contains("CNS_INT   ref    0x7FF000300020 't'") == true)
        #expect(out.dumps[.morph]?.contains("CNS_INT   int    1\n") == true)
    }
}
