import Testing
import Diagnostics
@testable import IL

@Suite("Parser: method bodies")
struct ParserBodyTests {
    func body(_ methodText: String) throws -> MethodDef {
        let m = try ILParser.parse(inClass(methodText), file: "b.il")
        return try #require(m.types.first?.methods.first)
    }

    @Test func offsetsFollowEncodedSizes() throws {
        let m = try body("""
        .method static int64 F(int32 a) cil managed {
          .maxstack 2
          .locals init (int64 x)
          ldarg.0        // 1
          ldc.i4.s 10    // 2
          ldc.i4 100000  // 5
          ldc.i8 7       // 9
          ldc.r8 1.5     // 9
          ldc.r4 2.5     // 5
          ldloc 0        // 4
          ret
        }
        """)
        #expect(m.body.map(\.offset) == [0, 1, 3, 8, 17, 26, 31, 35])
        #expect(m.ilSize == 36)
        #expect(m.initLocals)
        #expect(m.locals == [Local(type: .int64, name: "x")])
    }

    @Test func labelsResolveToInstructionIndices() throws {
        let m = try body("""
        .method static int32 Loop(int32 n) cil managed {
          .locals init (int32 i, int32 s)
          IL_0000: ldc.i4.0
          stloc i
          br.s COND
        LOOP:
          ldloc s
          ldloc i
          add
          stloc s
          ldloc i
          ldc.i4.1
          add
          stloc.s i
        COND:
          ldloc i
          ldarg n
          blt LOOP
          ldloc.1
          ret
        }
        """)
        #expect(m.body[2].operand == .target(11))
        #expect(m.body[3].label == "LOOP")
        #expect(m.body[11].label == "COND")
        #expect(m.body[13].operand == .target(3))
        #expect(m.body[1].operand == .variable(0))
        #expect(m.body[3].operand == .variable(1))
        #expect(m.body[4].operand == .variable(0))
        #expect(m.body[12].operand == .variable(0)) // ldarg n, static: argument 0
        #expect(m.body[0].label == "IL_0000")
        // br.s is 2 bytes, stloc (long form) 4, blt 5.
        #expect(m.body.map(\.offset) == [0, 1, 5, 7, 11, 15, 16, 20, 24, 25, 26, 28, 32, 36, 41, 42])
    }

    @Test func instanceArgumentsCountThis() throws {
        let m = try body("""
        .method instance int32 G(int32 a, int32 b) cil managed {
          ldarg b
          ldarga.s a
          pop
          ret
        }
        """)
        #expect(m.body[0].operand == .variable(2))
        #expect(m.body[1].operand == .variable(1))
    }

    @Test func switchTargetsAndSize() throws {
        let m = try body("""
        .method static int32 S(int32 k) cil managed {
          ldarg.0
          switch (A, B, A)
          ldc.i4.0
          ret
        A: ldc.i4.1
          ret
        B: ldc.i4.2
          ret
        }
        """)
        #expect(m.body[1].operand == .targets([4, 6, 4]))
        #expect(m.body[1].size == 1 + 4 + 12)
        #expect(m.body.map(\.offset) == [0, 1, 18, 19, 20, 21, 22, 23])
    }

    @Test func prefixesFoldIntoTheNextInstruction() throws {
        let m = try body("""
        .method static void P(int32& p, !!0 x) cil managed {
          ldarg.0
          volatile.
          unaligned. 4
          ldind.i4
          pop
          ldarga.s x
          constrained. !!0
          callvirt instance string [mscorlib]System.Object::ToString()
          pop
          ret
        }
        """)
        let ld = m.body[1]
        #expect(ld.opcode == .ldind_i4)
        #expect(ld.prefixes == [.volatile, .unaligned])
        #expect(ld.offset == 1)
        #expect(ld.totalSize == 2 + 3 + 1)
        #expect(m.body[2].offset == 7)
        #expect(m.body[4].constrainedType == .methodParam(0))
        #expect(m.body[4].prefixes == [.constrained])
        #expect(m.body[5].offset == m.body[4].offset + 6 + 5)
    }

    @Test func methodFieldTypeAndTokenOperands() throws {
        let m = try body("""
        .method static void O() cil managed {
          newobj instance void class [mscorlib]System.Collections.Generic.List`1<int32>::.ctor()
          ldsfld int32 P::counter
          box [mscorlib]System.Int32
          ldtoken method void P::O()
          call !!0 [mscorlib]System.Array::Empty<string>()
          ldstr "a" + "b"
          ldftn int32 G(int32)
          ret
        }
        """)
        guard case .method(let ctor) = m.body[0].operand else { Issue.record("no method"); return }
        #expect(ctor.hasThis && ctor.name == ".ctor" && ctor.parameters.isEmpty)
        #expect(ctor.owner?.description == "class [mscorlib]System.Collections.Generic.List`1<int32>")
        #expect(m.body[1].operand == .field(FieldRef(type: .int32, owner: .class(TypeName(namespace: "", name: "P")), name: "counter")))
        #expect(m.body[2].operand == .type(.class(TypeName(assembly: "mscorlib", namespace: "System", name: "Int32"))))
        #expect(m.body[3].operand == .token("method void class P::O()"))
        guard case .method(let empty) = m.body[4].operand else { Issue.record("no method"); return }
        #expect(empty.genericArgs == [.string])
        #expect(empty.returnType == .methodParam(0))
        #expect(m.body[5].operand == .string("ab"))
        guard case .method(let global) = m.body[6].operand else { Issue.record("no method"); return }
        #expect(global.owner == nil && global.name == "G")
    }

    @Test func monodisStyleLocalsAndScopes() throws {
        let m = try body("""
        .method static int32 L() cil managed {
          .locals init ([0] int32 V_0, [1] int64 V_1)
          {
            ldc.i4.3
            stloc.0
          }
          ldloc V_0
          ret
        }
        """)
        #expect(m.locals.map(\.name) == ["V_0", "V_1"])
        #expect(m.body.count == 4)
        #expect(m.body[2].operand == .variable(0))
    }

    @Test func everyOpcodeMnemonicIsAccepted() throws {
        // Parse each opcode with a suitable operand; check encoded sizes and offsets add up.
        var lines: [String] = []
        // Short branches go last so that END stays within their 1-byte displacement.
        let ordered = Opcode.allCases.filter { $0.operandKind != .shortBranch }
            + Opcode.allCases.filter { $0.operandKind == .shortBranch }
        for op in ordered {
            let operand: String
            switch op.operandKind {
            case .none: operand = ""
            case .int8, .uint8: operand = "1"
            case .int32, .int64: operand = "5"
            case .float32, .float64: operand = "1.5"
            case .shortBranch, .branch: operand = "END"
            case .switchTable: operand = "(END, END)"
            case .shortVar, .variable: operand = "0"
            case .method: operand = "void P::M()"
            case .field: operand = "int32 P::f"
            case .type: operand = "int32"
            case .token: operand = "int32"
            case .string: operand = "\"s\""
            case .signature: operand = "int32(int32)"
            }
            lines.append("  \(op.rawValue) \(operand)")
        }
        lines.append("END: ret")
        let m = try body(".method static void M(int32 a) cil managed {\n.locals (int32 x)\n\(lines.joined(separator: "\n"))\n}")
        let prefixCount = Opcode.allCases.filter(\.isPrefix).count
        #expect(m.body.count == Opcode.allCases.count - prefixCount + 1)
        var expectedSize = 1 // the final ret
        for op in Opcode.allCases { expectedSize += op.encodedSize + (op == .switch_ ? 8 : 0) }
        #expect(m.ilSize == expectedSize)
        for (a, b) in zip(m.body, m.body.dropFirst()) { #expect(a.offset + a.totalSize == b.offset) }
    }
}
