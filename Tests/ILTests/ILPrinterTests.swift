import Testing
import Diagnostics
@testable import IL

/// The IL printer behind the JIT's `il` dump: its text parses back into the same method.
@Suite struct ILPrinterTests {
    /// Opcode, operand and offset of every instruction, the fields a reprint must keep.
    static func shape(_ m: MethodDef) -> [String] {
        m.body.map { "\($0.offset) \($0.prefixes.map(\.rawValue)) \($0.opcode.rawValue) \($0.operand)" }
    }

    /// Parses the printed method inside a scratch class.
    static func reparse(_ text: String) throws -> MethodDef {
        let wrapped = ".assembly extern mscorlib {}\n.assembly R {}\n.class public auto ansi R extends [mscorlib]System.Object\n{\n\(text)}\n"
        let module = try ILParser.parse(wrapped, file: "reprint.il")
        return try #require(module.types.first?.methods.first)
    }

    @Test(arguments: Fixtures.monodisPrograms)
    func everyMethodReprintsToTheSameBody(file: String) throws {
        let module = try ILParser.parse(try Fixtures.text(file), file: file)
        for m in module.allMethods where !m.body.isEmpty {
            let text = ILPrinter.text(of: m)
            let again = try Self.reparse(text)
            #expect(Self.shape(again) == Self.shape(m), "\(m.name)")
            for clause in m.exceptionClauses {
                let range = "// .try \(ILPrinter.label(clause.tryStart, in: m)) to \(ILPrinter.label(clause.tryEnd, in: m))"
                #expect(text.contains(range), "\(m.name)")
            }
            #expect(again.locals.map(\.type) == m.locals.map(\.type), "\(m.name)")
            if m.exceptionClauses.isEmpty {
                #expect(ILPrinter.text(of: again) == text, "printing is stable: \(m.name)")
            }
        }
    }

    @Test func headerLabelsAndNames() throws {
        let m = try Self.reparse("""
            .method public hidebysig static int32 'value'(int32 x) cil managed noinlining async
            {
              .locals init (int32 i)
              ldarg.0
              stloc i
            L: ldloc.0
              brtrue.s L
              ldstr "a \\"quoted\\" line"
              pop
              ldloc i
              ret
            }

            """)
        let text = ILPrinter.text(of: m)
        #expect(text.hasPrefix(".method public hidebysig static int32 'value'(int32 x) cil managed noinlining async\n{\n"))
        #expect(text.contains("  .locals init (int32 i)\n"))
        #expect(text.contains("  IL_0001:  stloc      i\n"))
        #expect(text.contains("  IL_0006:  brtrue.s   IL_0005\n"))
        #expect(text.contains("ldstr      \"a \\\"quoted\\\" line\"\n"))
        #expect(text.hasSuffix("  IL_0012:  ret\n}\n"))
    }
}
