import IL

/// The JIT's value types, after RyuJIT's `var_types`.
///
/// Small integer types exist only as storage types of locals and memory; on the
/// evaluation stack they are widened to `int` (ECMA-335 III.1.1.1), which is why
/// `actualType` exists.
public enum VarType: String, Sendable, Hashable, CaseIterable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    case void, bool, byte, ubyte, short, ushort, int, uint, long, ulong, ref, byref, float, double, `struct`

    /// The type a value of this storage type has on the evaluation stack / in a register.
    public var actualType: VarType {
        switch self {
        case .bool, .byte, .ubyte, .short, .ushort, .int, .uint: .int
        case .long, .ulong: .long
        default: self
        }
    }

    /// Size in bytes of a value of this type (pointer-sized types are 8 on both targets).
    public var size: Int {
        switch self {
        case .void: 0
        case .bool, .byte, .ubyte: 1
        case .short, .ushort: 2
        case .int, .uint, .float: 4
        case .long, .ulong, .ref, .byref, .double: 8
        case .struct: 0
        }
    }

    /// True for the 64-bit integer-register types: long, ulong, and the pointers (ref, byref). A
    /// conversion from one of them to a 64-bit integer is a plain move (`conv.i` of a byref).
    public var isWide: Bool { self == .long || self == .ulong || self == .ref || self == .byref }

    /// True for the integral types (including bool and small types).
    public var isIntegral: Bool {
        switch self {
        case .bool, .byte, .ubyte, .short, .ushort, .int, .uint, .long, .ulong: true
        default: false
        }
    }

    /// True for `float` (float32) and `double` (float64): values that live in the floating-point
    /// register class (xmm / v registers) and travel in its argument registers.
    public var isFloating: Bool { self == .float || self == .double }

    /// True for small types that need sign or zero extension when loaded.
    public var isSmall: Bool { size > 0 && size < 4 && isIntegral }

    /// True for the unsigned small/integral storage types.
    public var isUnsigned: Bool {
        switch self {
        case .bool, .ubyte, .ushort, .uint, .ulong: true
        default: false
        }
    }

    /// Maps an IL type signature to its JIT type; nil for types the JIT does not support yet.
    public init?(_ sig: TypeSig) {
        switch sig {
        case .void: self = .void
        case .bool: self = .bool
        case .char, .uint16: self = .ushort
        case .int8: self = .byte
        case .uint8: self = .ubyte
        case .int16: self = .short
        case .int32: self = .int
        case .uint32: self = .uint
        case .int64: self = .long
        case .uint64: self = .ulong
        case .nativeInt, .nativeUInt: self = .long
        case .float32: self = .float
        case .float64: self = .double
        case .modified(let t, _): self.init(t)
        default: return nil
        }
    }

    /// The JIT type of a parameter: as `init(_:)`, and object references (string, object, classes,
    /// arrays) as `ref`, so that `Console.WriteLine(string)` and `Main(string[])` can be compiled.
    public init?(parameter sig: TypeSig) {
        switch sig {
        case .string, .object, .class, .szArray, .mdArray, .generic(_, false, _): self = .ref
        case .modified(let t, _): self.init(parameter: t)
        default: self.init(sig)
        }
    }
}
