import Testing
import Diagnostics
@testable import IL

@Suite("Parser: declarations and types")
struct ParserDeclarationTests {
    func handwritten() throws -> Module {
        try ILParser.parse(try Fixtures.text("Handwritten.il"), file: "Handwritten.il")
    }

    @Test func assemblyDirectivesAndNamespaces() throws {
        let m = try handwritten()
        #expect(m.assemblyName == "Handwritten")
        #expect(m.externAssemblies == ["mscorlib"])
        #expect(m.types.map(\.fullName) == ["Demo.Core.Box`1", "Demo.Core.Box`1+Inner", "Demo.Core.Ops"])
        #expect(m.types.map(\.ilName) == ["Demo.Core.Box`1", "Demo.Core.Box`1/Inner", "Demo.Core.Ops"])
    }

    @Test func nestedAndGenericClasses() throws {
        let m = try handwritten()
        let box = try #require(m.type(named: "Demo.Core.Box`1"))
        let inner = try #require(m.type(named: "Demo.Core.Box`1/Inner"))
        #expect(box.genericParameters == ["T"])
        #expect(box.nestedTypes.map(\.name) == ["Inner"])
        #expect(inner.enclosing === box)
        #expect(inner.attributes.isSuperset(of: ["nested", "public", "sealed"]))
        #expect(box.extends == .class(TypeName(assembly: "mscorlib", namespace: "System", name: "Object")))
        #expect(box.fields.map(\.name) == ["value", "count"])
        #expect(box.fields[0].type == .typeParam(0))
        #expect(box.fields[1].isStatic)
        #expect(box.methods.allSatisfy { $0.declaringType === box })
    }

    @Test func methodHeaders() throws {
        let m = try handwritten()
        let box = try #require(m.type(named: "Demo.Core.Box`1"))
        let ctor = box.methods[0]
        #expect(ctor.name == ".ctor")
        #expect(!ctor.isStatic)
        #expect(ctor.attributes == ["public", "hidebysig", "specialname", "rtspecialname"])
        #expect(ctor.parameters == [Parameter(type: .typeParam(0), name: "v")])
        #expect(box.methods[1].implFlags == .noInlining)
        #expect(box.methods[1].returnType == .typeParam(0))
        let ops = try #require(m.type(named: "Demo.Core.Ops"))
        let id = try #require(ops.methods.first { $0.name == "Id" })
        #expect(id.genericParameters == ["T"])
        #expect(id.returnType == .methodParam(0))
        #expect(id.parameters.map(\.type) == [.methodParam(0)])
        #expect(m.entryPoint?.name == "Main")
        #expect(m.type(named: "Demo.Core.Box`1/Inner")?.methods[0].implFlags == .aggressiveInlining)
    }

    @Test func asyncImplFlagAndAttributes() throws {
        let text = """
        .class public C extends [System.Runtime]System.Object {
          .method public hidebysig newslot virtual instance class [System.Runtime]System.Threading.Tasks.Task`1<int32> M() cil managed async {
            ldc.i4.1
            ret
          }
          .method public abstract virtual instance void A() cil managed { }
        }
        """
        let m = try ILParser.parse(text, file: "a.il")
        let c = try #require(m.type(named: "C"))
        let method = c.methods[0]
        #expect(method.isAsync)
        #expect(method.implFlags.rawValue == 0x2000)
        #expect(method.isVirtual && !method.isStatic)
        #expect(method.attributes == ["public", "hidebysig", "newslot", "virtual"])
        #expect(method.returnType.description == "class [System.Runtime]System.Threading.Tasks.Task`1<int32>")
        #expect(c.methods[1].isAbstract && c.methods[1].body.isEmpty)
    }

    @Test(arguments: [
        ("int32", TypeSig.int32), ("unsigned int32", .uint32), ("unsigned int8", .uint8),
        ("native int", .nativeInt), ("native unsigned int", .nativeUInt), ("native uint", .nativeUInt),
        ("int64&", .byref(.int64)), ("int8*", .pointer(.int8)), ("string[]", .szArray(.string)),
        ("!0", .typeParam(0)), ("!!1", .methodParam(1)), ("typedref", .typedref), ("char", .char),
        ("class [mscorlib]System.String", .class(TypeName(assembly: "mscorlib", namespace: "System", name: "String"))),
        ("valuetype Outer/Inner", .valueType(TypeName(namespace: "", name: "Outer/Inner"))),
        ("valuetype [a]N.S.Outer/Inner", .valueType(TypeName(assembly: "a", namespace: "N.S", name: "Outer/Inner"))),
        ("class [System.Runtime]System.Threading.Tasks.Task`1<int32>",
         .generic(TypeName(assembly: "System.Runtime", namespace: "System.Threading.Tasks", name: "Task`1"),
                  isValueType: false, args: [.int32])),
        ("int32 modreq([mscorlib]System.Runtime.CompilerServices.IsVolatile)",
         .modified(.int32, modifier: "modreq(class [mscorlib]System.Runtime.CompilerServices.IsVolatile)")),
    ])
    func typeSignatures(text: String, expected: TypeSig) throws {
        let il = inClass(".field public static \(text) f")
        let m = try ILParser.parse(il, file: "t.il")
        #expect(m.types.first?.fields.first?.type == expected)
    }

    @Test func customAttributesAndSkippedDirectivesAreIgnored() throws {
        let text = """
        .assembly extern System.Runtime { .publickeytoken = (B0 3F 5F 7F 11 D5 0A 3A) .ver 8:0:0:0 }
        .assembly A {
          .custom instance void [System.Runtime]System.Runtime.CompilerServices.CompilationRelaxationsAttribute::.ctor(int32) = ( 01 00 08 00 00 00 00 00 )
          .hash algorithm 0x00008004
          .ver 0:0:0:0
        }
        .module A.dll
        .class private auto ansi '<Module>' { }
        .class public sequential ansi sealed beforefieldinit S extends [System.Runtime]System.ValueType {
          .pack 0
          .size 1
          .custom instance void [System.Runtime]System.ObsoleteAttribute::.ctor(string) = { string('x') }
          .method public static void M() cil managed {
            .custom instance void [System.Runtime]System.Diagnostics.DebuggerHiddenAttribute::.ctor() = ( 01 00 00 00 )
            .param [0]
            .maxstack 0
            ret
          }
          .property instance int32 P() { .get instance int32 S::get_P() }
        }
        """
        let m = try ILParser.parse(text, file: "c.il")
        #expect(m.assemblyName == "A")
        #expect(m.externAssemblies == ["System.Runtime"])
        #expect(m.types.map(\.name) == ["<Module>", "S"])
        #expect(m.types[1].isValueType)
        #expect(m.types[1].methods.first?.body.map(\.opcode) == [.ret])
    }

    @Test func chunksFormOneStreamWithTheirOwnLines() throws {
        let chunks = [
            SourceChunk(text: ".class public P extends [mscorlib]System.Object {\n", file: "ch.md", firstLine: 10),
            SourceChunk(text: "  .method public static int32 F() cil managed {\n    ldc.i4.1\n    ret\n  }\n", file: "ch.md", firstLine: 20),
            SourceChunk(text: "}\n", file: "ch.md", firstLine: 30),
        ]
        let m = try ILParser.parse(chunks, assemblyName: "chapter")
        #expect(m.assemblyName == "chapter")
        let f = try #require(m.type(named: "P")?.methods.first)
        #expect(f.location == SourceLocation(file: "ch.md", line: 20, column: 3))
        #expect(f.body.map(\.location.line) == [21, 22])
        #expect(m.types[0].location.line == 10)
    }

    @Test func namespaceDottedClassNames() throws {
        let m = try ILParser.parse(".namespace A { .class public B.C extends [mscorlib]System.Object { } }", file: "n.il")
        #expect(m.types[0].namespace == "A.B")
        #expect(m.types[0].name == "C")
        #expect(m.type(named: "A.B.C") != nil)
    }
}

/// Field initializers and type-level custom attributes: what enums need at run time.
@Suite("Parser: literal fields and custom attributes")
struct ParserLiteralFieldTests {
    static let il = """
    .assembly A {}
    .class private auto ansi sealed E extends [mscorlib]System.Enum {
      .custom instance void class [mscorlib]System.FlagsAttribute::'.ctor'() = (01 00 00 00)
      .field public specialname rtspecialname int16 value__
      .field public static literal valuetype E A = int16(0xfffe)
      .field public static literal valuetype E B = int64(0x7fffffffffffffff)
      .field public static literal string S = "text"
      .field public static literal bool F = bool(true)
    }
    """

    @Test func integerConstantsAreSignExtendedFromTheirWidth() throws {
        let e = try #require(try ILParser.parse(Self.il, file: "a.il").type(named: "E"))
        let constants = e.fields.map(\.integerConstant)
        #expect(constants == [nil, -2, Int64.max, nil, nil])
    }

    @Test func typeCustomAttributesAreKeptByName() throws {
        let e = try #require(try ILParser.parse(Self.il, file: "a.il").type(named: "E"))
        #expect(e.customAttributes == ["System.FlagsAttribute"])
    }

    @Test func verifierSeesEnumsAsTheirUnderlyingInteger() throws {
        let text = Self.il + """
        .class public P {
          .method static int32 M() { .locals init (valuetype E v) ldc.i4.1 stloc.0 ldloc.0 ldc.i4.1 add ret }
        }
        """
        let m = try ILParser.parse(text, file: "a.il")
        try ILVerifier.verify(m)
    }
}
