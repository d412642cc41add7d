import IL
import JIT

extension RuntimeType {
    /// What the runtime needs to print an enum value: its members and how to read the value.
    public struct EnumInfo: Equatable, Sendable {
        /// One `literal` member: its name and value, extended to 64 bits as the underlying type reads
        /// (sign-extended when signed, zero-extended when unsigned).
        public struct Member: Equatable, Sendable {
            public var name: String
            public var value: Int64
            public init(name: String, value: Int64) {
                self.name = name
                self.value = value
            }
        }
        public var members: [Member]
        /// The underlying type is signed (`int`, `sbyte`, `short`, `long`).
        public var isSigned: Bool
        /// The enum carries `[System.Flags]`: a value without a member prints as its members' names.
        public var isFlags: Bool
    }

    /// True for types that derive from System.Enum.
    public var isEnum: Bool { kind == .valueType && def?.extends?.typeName?.isNamed("System", "Enum") == true }

    /// The enum's member table (ECMA-335 II.14.3: its `static literal` fields), nil for other types.
    ///
    /// .NET prints an enum value by its member's name (`Color.Green` prints `Green`), so the member
    /// names travel with the method table (`MethodTableLayout.enumInfoOffset`).
    public var enumInfo: EnumInfo? {
        guard isEnum, let def, let underlying = primitive else { return nil }
        let signed: Bool
        switch underlying {
        case .byte, .short, .int, .long: signed = true
        default: signed = false
        }
        let bits = 8 * underlying.size
        let members = def.fields.compactMap { f -> EnumInfo.Member? in
            guard f.isStatic, f.attributes.contains("literal"), let v = f.integerConstant else { return nil }
            return EnumInfo.Member(name: f.name, value: Self.extend(v, bits: bits, signed: signed))
        }
        return EnumInfo(members: members, isSigned: signed,
                        isFlags: def.customAttributes.contains("System.FlagsAttribute"))
    }

    /// `value`'s low `bits` bits, sign- or zero-extended to 64 bits.
    static func extend(_ value: Int64, bits: Int, signed: Bool) -> Int64 {
        guard bits < 64 else { return value }
        let shift = Int64(64 - bits)
        return signed ? (value << shift) >> shift : Int64(bitPattern: UInt64(bitPattern: value << shift) >> UInt64(shift))
    }
}
