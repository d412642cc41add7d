import Diagnostics
import Testing
@testable import IL

/// ilasm's `#define` / `#ifdef` family, as dotnet/runtime's IL tests use it.
@Suite("Preprocessor")
struct PreprocessorTests {
    @Test func aMacroNamesTheCoreAssembly() throws {
        let m = try ILParser.parse("""
            #define CORE_ASSEMBLY "System.Runtime"
            .assembly extern CORE_ASSEMBLY { .ver 8:0:0:0 }
            .class public P extends [CORE_ASSEMBLY]System.Object
            {
              .method static void M() cil managed { call void [CORE_ASSEMBLY]System.Console::WriteLine() ret }
            }
            """, file: "t.il")
        let p = try #require(m.types.first { $0.name == "P" })
        #expect(p.extends == .class(TypeName(assembly: "System.Runtime", namespace: "System", name: "Object")))
        guard case .method(let ref) = try #require(p.methods.first).body[0].operand else {
            Issue.record("no call operand")
            return
        }
        #expect(ref.owner?.description == "class [System.Runtime]System.Console")
        // The expansion keeps the location of the use, so errors point at the source line.
        #expect(p.methods[0].body[0].location.line == 5)
    }

    @Test func conditionalsKeepOrDropTokens() throws {
        let m = try ILParser.parse("""
            #define WITH_A
            #ifdef WITH_A
            .class public A extends [mscorlib]System.Object {}
            #else
            .class public NotA extends [mscorlib]System.Object {}
            #endif
            #ifndef WITH_A
            .class public B extends [mscorlib]System.Object {}
            #endif
            #undef WITH_A
            #ifdef WITH_A
            .class public C extends [mscorlib]System.Object {}
            #else
            #ifdef NESTED
            .class public D extends [mscorlib]System.Object {}
            #else
            .class public E extends [mscorlib]System.Object {}
            #endif
            #endif
            """, file: "t.il")
        #expect(m.types.map(\.name) == ["A", "E"])
    }

    @Test func macrosMayUseMacros() throws {
        let m = try ILParser.parse("""
            #define LIB "System.Runtime"
            #define OBJ "[LIB]System.Object"
            .class public P extends OBJ {}
            """, file: "t.il")
        #expect(m.types.first?.extends?.description == "class [System.Runtime]System.Object")
    }

    @Test(arguments: [
        ("#include \"other.il\"\n", "t.il:1:1: error: #include is not supported: a module is the IL of one file or one chapter"),
        ("#pragma once\n", "t.il:1:1: error: unknown preprocessor directive '#pragma'"),
        ("#ifdef X\n", "t.il:1:1: error: this conditional has no #endif"),
        ("#endif\n", "t.il:1:1: error: #endif without an open #ifdef or #ifndef"),
        ("#ifdef X\n#else\n#else\n#endif\n", "t.il:3:1: error: #else without an open #ifdef or #ifndef"),
        ("#define\n.class public P extends [mscorlib]System.Object {}\n", "t.il:1:1: error: #define needs a name on the same line"),
        ("#define LOOP \"LOOP\"\n.class public LOOP extends [mscorlib]System.Object {}\n", "t.il:2:15: error: macro LOOP expands into itself"),
        // Twice in its own replacement: reported where met, not expanded 2^32 times (fuzz seed 206, input 192743).
        ("#define LOOP \"[LOOP]A LOOP\"\n.class public LOOP extends [mscorlib]System.Object {}\n", "t.il:2:15: error: macro LOOP expands into itself"),
        ("#define A \"B\"\n#define B \"A\"\n.class public A extends [mscorlib]System.Object {}\n", "t.il:3:15: error: macro A expands into itself"),
        // No macro uses itself, but each doubles the one before: 2^17 tokens.
        ((["#define M0 \"x\""] + (1...17).map { "#define M\($0) \"M\($0 - 1) M\($0 - 1)\"" }).joined(separator: "\n")
            + "\n.class public M17 extends [mscorlib]System.Object {}\n",
         "t.il:19:15: error: macro M17 expands into more than 65536 tokens"),
    ])
    func badDirectivesAreLocatedErrors(_ text: String, _ expected: String) {
        #expect(parseErrors(text).first == expected)
    }
}
