import Diagnostics
import IL
import Runtime
import Testing
@testable import JIT

/// A C# array initializer compiles to `newarr` and a call of the InitializeArray copy helper
/// with the RVA field's handle, commented with the field's name.
@Suite struct ArrayInitListingTests {
    static let il = """
        .assembly extern mscorlib {}
        .class private auto ansi beforefieldinit Program extends [mscorlib]System.Object {
          .method public static int32[] Make() cil managed {
            ldc.i4.3
            newarr [mscorlib]System.Int32
            dup
            ldtoken field valuetype '<PrivateImplementationDetails>'/'$ArrayType=12' '<PrivateImplementationDetails>'::'$field-A'
            call void class [mscorlib]System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray(class [mscorlib]System.Array, valuetype [mscorlib]System.RuntimeFieldHandle)
            ret
          }
        }
        .class private auto ansi abstract sealed beforefieldinit '<PrivateImplementationDetails>' extends [mscorlib]System.Object {
          .field assembly static initonly valuetype '<PrivateImplementationDetails>'/'$ArrayType=12' '$field-A' at D_1
          .class nested private sequential ansi sealed beforefieldinit '$ArrayType=12' extends [mscorlib]System.ValueType { .pack 1 .size 12 }
        }
        .data D_1 = bytearray ( 07 00 00 00 08 00 00 00 09 00 00 00 )
        """

    static func listing(_ arch: Arch) throws -> String {
        let module = try ILParser.parse(il, file: "t.il")
        let m = try #require(module.type(named: "Program")?.methods.first)
        return try ModuleCompiler(module: module).compile(m, arch: arch, config: JitConfig()).listing
    }

    static let helper = "System.Runtime.CompilerServices.RuntimeHelpers:InitializeArray(System.Array,System.RuntimeFieldHandle)"

    @Test func x64CallsNewarrThenTheCopyHelper() throws {
        let lines = try Self.listing(.x64).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let newarr = try #require(lines.firstIndex(of: "call     [CORINFO_HELP_NEWARR_1_VC]"))
        let handle = try #require(lines.firstIndex(of: "mov      rsi, 0x7FF030000000      ; field <PrivateImplementationDetails>:$field-A"))
        let copy = try #require(lines.firstIndex(of: "call     [\(Self.helper)]"))
        #expect(newarr < handle && handle < copy)
        #expect(lines.filter { $0.hasPrefix("call") }.count == 2)
    }

    @Test func arm64CallsNewarrThenTheCopyHelper() throws {
        let lines = try Self.listing(.arm64).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let newarr = try #require(lines.firstIndex(of: "mov     x16, #112      // code for CORINFO_HELP_NEWARR_1_VC"))
        let handle = try #require(lines.firstIndex(of: "mov     x1, #0x30000000      // field <PrivateImplementationDetails>:$field-A"))
        #expect(lines[handle + 1] == "movk    x1, #0x7FF0 LSL #32")
        let copy = try #require(lines.firstIndex { $0.hasSuffix("// code for \(Self.helper)") })
        #expect(newarr < handle && handle < copy)
    }

    /// The importer replaces the intrinsic by a helper CALL(array, handle): no call of the managed method.
    @Test func importedAsAHelperCall() throws {
        let module = try ILParser.parse(Self.il, file: "t.il")
        let m = try #require(module.type(named: "Program")?.methods.first)
        let dump = try #require(try ModuleCompiler(module: module).compile(m, arch: .x64, dumps: [.importation]).dumps[.importation])
        let lines = dump.split(separator: "\n").map(String.init)
        let call = try #require(lines.firstIndex { $0.hasSuffix("CALL      void   \(Self.helper)") })
        #expect(lines[call + 1].hasSuffix("LCL_VAR   ref    V00 tmp (dup spill)"))
        #expect(lines[call + 2].hasSuffix("CNS_INT   long   0x7FF030000000 field <PrivateImplementationDetails>:$field-A"))
    }

    @Test func ldtokenOfATypeIsUnsupported() throws {
        let text = Self.il.replacingOccurrences(of: "ldtoken field valuetype '<PrivateImplementationDetails>'/'$ArrayType=12' '<PrivateImplementationDetails>'::'$field-A'",
                                                with: "ldtoken Program")
        let module = try ILParser.parse(text, file: "t.il")
        let m = try #require(module.type(named: "Program")?.methods.first)
        #expect(throws: Diagnostic.self) { try ModuleCompiler(module: module).compile(m, arch: .x64) }
        do { _ = try ModuleCompiler(module: module).compile(m, arch: .x64) } catch let d as Diagnostic {
            #expect(d.description == "t.il:7:5: error: 'ldtoken' of a method or type is not supported by the model JIT yet (only RVA fields)")
        }
    }
}
