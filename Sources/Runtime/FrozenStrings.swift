import IL

/// The string literals of a module as frozen objects in the strings region.
///
/// `ldstr` loads the address of a string object that already exists before the
/// program starts, like .NET's frozen (pinned, never collected) string literals.
/// Each object is laid out as .NET lays out a string:
///
/// ```text
/// +0   MethodTable*   8 bytes   address of the System.String method table
/// +8   int32 length             number of UTF-16 code units
/// +12  UTF-16 chars             then a 0 terminator; the object is padded to 8 bytes
/// ```
///
/// The region starts with a reserved 16-byte slot (u16 component size 2, u16 flags 0,
/// u32 base size 14, u64 parent 0: the stand-in method table of runtimes without
/// CoreLib), then the objects, in order of first `ldstr` in the module's methods
/// (definition order, then IL order), then CoreLib's literals. The order therefore
/// depends only on the module's text, not on which method happens to be compiled
/// first, so listings stay stable. With the model CoreLib, each object's header is
/// the address of CoreLib's System.String method table.
public struct FrozenStrings: Sendable {
    /// Address of the reserved stand-in System.String method table.
    public static let stringMethodTable: UInt64 = AddressMap.stringsBase
    /// The method table every object points to.
    public private(set) var methodTable: UInt64 = FrozenStrings.stringMethodTable
    /// Size of the reserved method-table slot at the start of the region.
    public static let methodTableSize = 16

    /// Each literal's address, keyed by value.
    private var addresses: [String: UInt64] = [:]
    /// The literals in layout order.
    public private(set) var values: [String] = []
    /// The region's bytes, starting at `AddressMap.stringsBase`.
    public private(set) var bytes: [UInt8] = []

    /// Lays out every `ldstr` operand of `module`.
    public init(module: IL.Module) {
        self.init(literals: Self.literals(of: module))
    }

    /// Lays out the literals of `module`, then those of CoreLib, with objects pointing at `stringMethodTable`.
    public init(module: IL.Module, coreLib: IL.Module, stringMethodTable: UInt64) {
        self.init(literals: Self.literals(of: module) + Self.literals(of: coreLib), methodTable: stringMethodTable)
    }

    static func literals(of module: IL.Module) -> [String] {
        var literals: [String] = []
        var seen: Set<String> = []
        for m in module.allMethods {
            // By index: `for ins in body` copied every instruction (all its fields) to look at its opcode.
            let body = m.body
            for i in body.indices where body[i].opcode == .ldstr {
                if case .string(let s) = body[i].operand, seen.insert(s).inserted { literals.append(s) }
            }
        }
        return literals
    }

    /// Lays out the given literals in order (duplicates are laid out once).
    public init(literals: [String], methodTable: UInt64 = FrozenStrings.stringMethodTable) {
        self.methodTable = methodTable
        bytes = Self.methodTableBytes()
        for s in literals where addresses[s] == nil {
            addresses[s] = AddressMap.stringsBase + UInt64(bytes.count)
            values.append(s)
            bytes += Self.objectBytes(s, methodTable: methodTable)
        }
    }

    /// The address of a literal's object, if the module has it.
    public func address(of value: String) -> UInt64? { addresses[value] }

    /// True when the region fits its slot of the address map.
    public var fitsRegion: Bool { UInt64(bytes.count) <= AddressMap.stringsRegionSize }

    /// The reserved System.String method table.
    static func methodTableBytes() -> [UInt8] {
        var b: [UInt8] = []
        b.appendLE(UInt16(2), 2)       // component size: one UTF-16 code unit
        b.appendLE(UInt16(0), 2)       // flags
        b.appendLE(UInt32(14), 4)      // base size: MethodTable* + length + terminator
        b.appendLE(UInt64(0), 8)       // parent method table (none modelled)
        return b
    }

    /// One string object, padded to 8 bytes.
    static func objectBytes(_ s: String, methodTable: UInt64) -> [UInt8] {
        var b: [UInt8] = []
        let units = Array(s.utf16)
        b.appendLE(methodTable, 8)
        b.appendLE(UInt64(units.count), 4)
        for u in units { b.appendLE(UInt64(u), 2) }
        b.appendLE(0, 2)
        while b.count % 8 != 0 { b.append(0) }
        return b
    }
}

extension Array where Element == UInt8 {
    /// Appends the low `size` bytes of `value`, little-endian.
    mutating func appendLE<T: BinaryInteger>(_ value: T, _ size: Int) {
        let v = UInt64(truncatingIfNeeded: value)
        for i in 0..<size { append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }
}
