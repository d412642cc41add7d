import Diagnostics
import Execution
import IL
import JIT
import Runtime
import Testing

/// `RuntimeHelpers.InitializeArray` at run time: the copy, its bounds and the JIT's diagnostics.
/// (The C# corpus program ObjectPrograms/ArrayInitializers covers the ordinary cases.)
@Suite struct ArrayInitializerTests {
    /// Main builds an array of `length` elements of `element` from the RVA field at `.data D`
    /// holding `bytes`, and returns element `index`.
    static func program(element: String, length: Int, bytes: String, index: Int = 0, ldelem: String = "ldelem.i4") -> String {
        Programs.program(main: """
            ldc.i4 \(length)
            newarr \(element)
            dup
            ldtoken field valuetype Data/Blob Data::F
            call void [mscorlib]System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray(class [mscorlib]System.Array, valuetype [mscorlib]System.RuntimeFieldHandle)
            ldc.i4 \(index)
            \(ldelem)
            ret
            """) + """

            .class private abstract sealed Data extends [mscorlib]System.Object {
              .field assembly static initonly valuetype Data/Blob F at D
              .class nested private sequential sealed Blob extends [mscorlib]System.ValueType { .pack 1 .size 8 }
            }
            .data D = bytearray ( \(bytes) )
            """
    }

    @Test(arguments: Arch.allCases)
    func copiesTheFieldData(_ arch: Arch) throws {
        let ints = try Programs.run(Self.program(element: "int32", length: 2, bytes: "FE FF FF FF 2A 00 00 00", index: 1), arch)
        #expect(ints.transcript == "exit 42\n")
        let shorts = try Programs.run(Self.program(element: "int16", length: 4, bytes: "01 00 FF FF 03 00 04 00", index: 3,
                                                   ldelem: "ldelem.i2"), arch)
        #expect(shorts.transcript == "exit 4\n")
    }

    @Test(arguments: Arch.allCases)
    func dataShorterThanTheArrayIsAnArgumentException(_ arch: Arch) throws {
        let r = try Programs.run(Self.program(element: "int32", length: 3, bytes: "01 00 00 00 02 00 00 00"), arch)
        #expect(r.exitCode == 134)
        #expect(r.exceptionLine == "Unhandled exception. System.ArgumentException: The field's data is shorter than the array it initializes.")
    }

    @Test(arguments: Arch.allCases)
    func arrayOfReferencesIsRefused(_ arch: Arch) throws {
        let r = try Programs.run(Self.program(element: "string", length: 1, bytes: "00 00 00 00 00 00 00 00",
                                              ldelem: "ldelem.ref\n    pop\n    ldc.i4.0"), arch)
        #expect(r.exitCode == 134)
        #expect(r.exceptionLine == "Unhandled exception. System.ArgumentException: InitializeArray needs an array of primitive elements.")
    }

    @Test func fieldWithoutDataIsALocatedError() throws {
        let text = Self.program(element: "int32", length: 1, bytes: "00 00 00 00")
            .replacingOccurrences(of: "F at D", with: "F")
        let d = Programs.diagnostic { _ = try Programs.run(text, .x64) }
        #expect(d?.description == "test.il:8:1: error: 'ldtoken field F': the field has no '.data' ('at LABEL'); only RVA fields are supported")
    }

    @Test func fieldDataRegionIsLaidOutInDeclarationOrder() throws {
        let module = try Programs.module("""
            .data A = int32(7)
            .data B = bytearray ( 01 02 03 04 05 06 07 08 09 )
            .data C = int8(1)
            """)
        let region = FieldDataRegion(module: module)
        #expect(region.descriptor(of: "A")?.address == AddressMap.fieldDataBase)
        #expect(region.descriptor(of: "B")?.address == AddressMap.fieldDataBase + 16)
        #expect(region.descriptor(of: "B")?.size == 9)
        #expect(region.descriptor(of: "C")?.address == AddressMap.fieldDataBase + 16 + 24)
        #expect(region.bytes.count == 56)
        #expect(Array(region.bytes[0..<12]) == [4, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0])
        #expect(region.descriptor(of: "Z") == nil)
    }
}
