/// The type of one evaluation-stack slot, as ECMA-335 III.1.5 classifies it.
///
/// The CLI collapses all small integers to int32 on the stack and all floats to
/// F; the verifier reasons only about these few categories.
public enum StackType: Hashable, Sendable, CustomStringConvertible {
    case int32, int64, nativeInt
    /// F: any floating-point value.
    case float
    /// O: an object reference (or null).
    case objRef
    /// &: a managed pointer.
    case managedPtr
    /// A value type instance (struct) on the stack; the name when known.
    case valueType(String?)
    /// A value of a generic parameter type, or otherwise unknown: compatible with everything.
    case unknown

    /// ECMA-335 spelling: `int32`, `int64`, `native int`, `F`, `O`, `&`.
    public var description: String {
        switch self {
        case .int32: "int32"
        case .int64: "int64"
        case .nativeInt: "native int"
        case .float: "F"
        case .objRef: "O"
        case .managedPtr: "&"
        case .valueType(let n): n.map { "valuetype \($0)" } ?? "valuetype"
        case .unknown: "unknown"
        }
    }

    /// CoreLib's primitive value types by name.
    static let primitiveNames: [String: StackType] = [
        "System.Boolean": .int32, "System.Char": .int32, "System.SByte": .int32, "System.Byte": .int32,
        "System.Int16": .int32, "System.UInt16": .int32, "System.Int32": .int32, "System.UInt32": .int32,
        "System.Int64": .int64, "System.UInt64": .int64, "System.IntPtr": .nativeInt, "System.UIntPtr": .nativeInt,
        "System.Single": .float, "System.Double": .float,
    ]

    /// CoreLib's enums by name: on the stack an enum is its underlying integer (the verifier
    /// sees only names, so the model CoreLib's enums are listed here).
    static let coreLibEnums: [String: StackType] = ["System.StringSplitOptions": .int32]

    /// The stack type a value of signature type `sig` has when loaded.
    public init(_ sig: TypeSig) {
        switch sig {
        case .bool, .char, .int8, .uint8, .int16, .uint16, .int32, .uint32: self = .int32
        case .int64, .uint64: self = .int64
        case .nativeInt, .nativeUInt, .pointer: self = .nativeInt
        case .float32, .float64: self = .float
        case .class(let n) where n.assembly != nil && Self.primitiveNames[n.fullName] != nil:
            // `[mscorlib]System.Int32` spelled as a class (monodis writes `unbox.any [mscorlib]System.Int32`).
            self = Self.primitiveNames[n.fullName]!
        case .string, .object, .class, .szArray, .mdArray: self = .objRef
        case .generic(_, let vt, _): self = vt ? .valueType(sig.typeName?.fullName) : .objRef
        case .valueType(let n) where Self.coreLibEnums[n.fullName] != nil: self = Self.coreLibEnums[n.fullName]!
        case .valueType(let n): self = .valueType(n.fullName)
        case .typedref: self = .valueType("System.TypedReference")
        case .byref: self = .managedPtr
        case .typeParam, .methodParam: self = .unknown
        case .modified(let t, _): self = StackType(t)
        case .void: self = .unknown
        }
    }

    var isInteger: Bool { self == .int32 || self == .int64 || self == .nativeInt || self == .unknown }
    var isNumeric: Bool { isInteger || self == .float }

    /// Can a value of this stack type be stored where `target` is expected (local, argument, return)?
    ///
    /// Lenient where real code relies on it (int32 and native int interchange,
    /// pointers as native int), strict on category errors (int32 vs int64, integer vs F, O vs numbers).
    func isAssignable(to target: StackType) -> Bool {
        if self == target || self == .unknown || target == .unknown { return true }
        switch (self, target) {
        case (.int32, .nativeInt), (.nativeInt, .int32): return true
        case (.managedPtr, .nativeInt), (.nativeInt, .managedPtr): return true
        // CoreCLR's importer also lets a byref meet an int32 (it truncates or extends the value, as
        // a 32-bit platform would not need to); CoreCLR's own IL tests rely on it.
        case (.managedPtr, .int32), (.int32, .managedPtr): return true
        case (.valueType, .valueType): return true
        case (.objRef, .valueType(nil)), (.valueType(nil), .objRef): return false
        default: return false
        }
    }

    /// The merge of two stack states' slots at a join point, or nil if they are incompatible.
    func merged(with other: StackType) -> StackType? {
        if self == other { return self }
        if self == .unknown { return other }
        if other == .unknown { return self }
        if case .valueType = self, case .valueType = other { return .valueType(nil) }
        return nil
    }

    /// Result of `add`/`sub`/`mul`/`div`/`rem` (ECMA-335 III.1.5 table 2), nil when invalid.
    static func binaryNumeric(_ a: StackType, _ b: StackType, op: Opcode) -> StackType? {
        if a == .unknown { return b == .unknown ? .unknown : b }
        if b == .unknown { return a }
        switch (a, b) {
        case (.int32, .int32): return .int32
        case (.int64, .int64): return .int64
        case (.int32, .nativeInt), (.nativeInt, .int32), (.nativeInt, .nativeInt): return .nativeInt
        case (.float, .float): return op.isIntegerOnly ? nil : .float
        case (.managedPtr, .int32), (.managedPtr, .nativeInt):
            return [.add, .sub, .add_ovf_un, .sub_ovf_un].contains(op) ? .managedPtr : nil
        case (.int32, .managedPtr), (.nativeInt, .managedPtr):
            return [.add, .add_ovf_un].contains(op) ? .managedPtr : nil
        case (.managedPtr, .managedPtr):
            return [.sub, .sub_ovf_un].contains(op) ? .nativeInt : nil
        default: return nil
        }
    }

    /// Whether two values can be compared by `ceq`/`beq`/`clt` ... (ECMA-335 III.1.5 table 4).
    static func comparable(_ a: StackType, _ b: StackType, equalityOnly: Bool) -> Bool {
        if a == .unknown || b == .unknown { return true }
        switch (a, b) {
        case (.int32, .int32), (.int64, .int64), (.float, .float), (.nativeInt, .nativeInt): return true
        case (.int32, .nativeInt), (.nativeInt, .int32): return true
        case (.managedPtr, .managedPtr): return true
        case (.managedPtr, .nativeInt), (.nativeInt, .managedPtr): return equalityOnly
        case (.objRef, .objRef): return equalityOnly
        default: return false
        }
    }
}

extension Opcode {
    /// Arithmetic opcodes that reject floating-point operands.
    var isIntegerOnly: Bool {
        switch self {
        case .div_un, .rem_un, .and, .or, .xor, .add_ovf, .add_ovf_un, .sub_ovf, .sub_ovf_un,
             .mul_ovf, .mul_ovf_un: true
        default: false
        }
    }
}
