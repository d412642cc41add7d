import Testing
import Diagnostics
@testable import IL

/// `.data` declarations and RVA fields, as mcs + monodis write them for C# array initializers.
@Suite("Parser: .data and RVA fields")
struct DataDeclarationTests {
    /// The shape monodis prints for `new int[] { 1, 2, 3, 4, 5 }` (hex bytes lex as integers,
    /// hex words and identifiers: `10`, `0B`, `FE`).
    static let monodis = """
    .class private auto ansi abstract sealed beforefieldinit '<PrivateImplementationDetails>'
      extends [mscorlib]System.Object
    {
      .field  assembly static initonly  valuetype '<PrivateImplementationDetails>'/'$ArrayType=20' '$field-1036' at D_00004000
      .class nested private sequential ansi sealed beforefieldinit '$ArrayType=20'
        extends [mscorlib]System.ValueType
      {
        .pack 1
        .size 20
      }
    }
    .class private auto ansi beforefieldinit P extends [mscorlib]System.Object
    {
      .method public static void M() cil managed
      {
        ldc.i4.5
        newarr [mscorlib]System.Int32
        ldtoken field valuetype '<PrivateImplementationDetails>'/'$ArrayType=20' '<PrivateImplementationDetails>'::'$field-1036'
        pop
        pop
        ret
      }
    }
    .data D_00004000 = bytearray (
    \t 01 00 00 00 10 00 00 00 0B 00 00 00 FE FF FF FF
    \t 05 00 00 00) // size: 20
    """

    @Test func bytearrayKeepsTheBytes() throws {
        let m = try ILParser.parse(Self.monodis, file: "t.il")
        #expect(m.data.count == 1)
        let d = try #require(m.data(labelled: "D_00004000"))
        #expect(d.bytes == [1, 0, 0, 0, 0x10, 0, 0, 0, 0x0B, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 5, 0, 0, 0])
        #expect(d.location.line == 24)
    }

    @Test func rvaFieldRecordsItsLabel() throws {
        let m = try ILParser.parse(Self.monodis, file: "t.il")
        let details = try #require(m.type(named: "<PrivateImplementationDetails>"))
        #expect(details.fields.map(\.dataLabel) == ["D_00004000"])
        #expect(details.fields[0].isStatic)
        #expect(details.nestedTypes.map(\.name) == ["$ArrayType=20"])
        #expect(details.nestedTypes[0].isValueType)
    }

    @Test func ldtokenFieldIsAFieldOperand() throws {
        let m = try ILParser.parse(Self.monodis, file: "t.il")
        let method = try #require(m.type(named: "P")?.methods.first)
        guard case .field(let ref) = method.body[2].operand else {
            Issue.record("expected a field operand, got \(method.body[2].operand)")
            return
        }
        #expect(method.body[2].opcode == .ldtoken)
        #expect(ref.name == "$field-1036")
        #expect(ref.owner.typeName?.fullName == "<PrivateImplementationDetails>")
        // The printer writes the `field` keyword back, so the `il` dump shows what was parsed.
        let printed = ILPrinter.text(of: method)
        #expect(printed.contains("IL_0006:  ldtoken    field valuetype "), "\(printed)")
        #expect(printed.contains("::'$field-1036'"), "\(printed)")
    }

    @Test(arguments: [
        (".data D = int32(258)", [UInt8]([2, 1, 0, 0])),
        (".data D = int8(-1) [3]", [0xFF, 0xFF, 0xFF]),
        (".data D = int16(7)", [7, 0]),
        (".data D = int64(0x0102030405060708)", [8, 7, 6, 5, 4, 3, 2, 1]),
        (".data D = float32(1.0)", [0, 0, 0x80, 0x3F]),
        (".data D = { int8(1), bytearray (02 03), int16(0) [2] }", [1, 2, 3, 0, 0, 0, 0]),
        (".data cil D = bytearray ()", []),
    ])
    func typedItems(_ text: String, _ bytes: [UInt8]) throws {
        let m = try ILParser.parse(text, file: "t.il")
        #expect(m.data(labelled: "D")?.bytes == bytes)
    }

    @Test func badDataIsDiagnosed() {
        #expect(parseErrors(".data D = bytearray ( 01 XYZ )") == ["t.il:1:26: error: expected a hex byte, found 'XYZ'"])
        #expect(parseErrors(".data D = string(1)")
                == ["t.il:1:11: error: expected 'bytearray' or a typed data item (int32(...)), found 'string'"])
        #expect(parseErrors(".data D = int8(1)\n.data D = int8(2)") == ["t.il:2:1: error: duplicate '.data' label 'D'"])
        #expect(parseErrors(".data tls D = int8(1)") == ["t.il:1:1: error: thread-local '.data' is not supported"])
    }
}
