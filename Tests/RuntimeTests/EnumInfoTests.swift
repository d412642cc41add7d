import Diagnostics
import IL
import JIT
import Runtime
import Testing

/// Enum member tables: what the method table carries so that a boxed enum prints its member's name.
@Suite struct EnumInfoTests {
    static let il = #"""
    .assembly E {}
    .class private auto ansi sealed Color extends [mscorlib]System.Enum {
      .field public specialname rtspecialname int32 value__
      .field public static literal valuetype Color Red = int32(0x00000000)
      .field public static literal valuetype Color Blue = int32(0xffffffff)
    }
    .class private auto ansi sealed Level extends [mscorlib]System.Enum {
      .field public specialname rtspecialname unsigned int8 value__
      .field public static literal valuetype Level High = int8(0xff)
    }
    .class private auto ansi sealed Perm extends [mscorlib]System.Enum {
      .custom instance void class [mscorlib]System.FlagsAttribute::'.ctor'() = (01 00 00 00)
      .field public specialname rtspecialname int64 value__
      .field public static literal valuetype Perm Read = int64(0x0000000100000000)
    }
    .class public sequential ansi sealed S extends [mscorlib]System.ValueType { .field public int32 x }
    """#

    static func type(_ name: String) throws -> RuntimeType {
        let rt = ModuleRuntime(module: try ILParser.parse(il, file: "e.il"))
        let ts = try #require(rt.typeSystem)
        return try #require(try ts.type(.valueType(TypeName(namespace: "", name: name)), GenericContext(), at: .synthetic("t")))
    }

    @Test func signedMembersAreSignExtended() throws {
        let info = try #require(try Self.type("Color").enumInfo)
        #expect(info.members == [.init(name: "Red", value: 0), .init(name: "Blue", value: -1)])
        #expect(info.isSigned)
        #expect(!info.isFlags)
    }

    @Test func unsignedMembersAreZeroExtended() throws {
        let info = try #require(try Self.type("Level").enumInfo)
        #expect(info.members == [.init(name: "High", value: 255)])
        #expect(!info.isSigned)
    }

    @Test func flagsAttributeAndWideValues() throws {
        let info = try #require(try Self.type("Perm").enumInfo)
        #expect(info.members == [.init(name: "Read", value: 1 << 32)])
        #expect(info.isFlags)
    }

    @Test func otherValueTypesHaveNone() throws {
        #expect(try Self.type("S").enumInfo == nil)
        #expect(try !Self.type("S").isEnum)
    }

    /// The table hangs off the method table at `enumInfoOffset`: count and flags, then (value, name) pairs.
    @Test func methodTableCarriesTheTable() throws {
        let t = try Self.type("Color")
        let bytes = MethodTableBytes.build(t) { _, _ in 0 }.bytes
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) } }
        let table = Int(u64(MethodTableLayout.enumInfoOffset) - t.methodTableAddress)
        #expect(u64(table) == 2 | UInt64(MethodTableLayout.enumSigned) << 32)
        #expect(u64(table + 8 + 16) == UInt64(bitPattern: -1))
        let name = Int(u64(table + 8 + 16 + 8) - t.methodTableAddress)
        #expect(Array(bytes[name..<name + 5]) == Array("Blue\0".utf8))
    }
}
