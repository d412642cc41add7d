import JIT

/// Lays out a loaded type's method table as bytes, following `MethodTableLayout` (the one
/// description codegen and the C runtime share).
///
/// The caller decides what each vtable slot holds (`slotValue`): the address of the
/// implementation's code, of an unboxing stub, of the not-compiled stub, or nil when the
/// slot is an `internalcall` whose helper address the C runtime writes at load time; such
/// slots are returned in `helperSlots` as (slot address, helper).
public enum MethodTableBytes {
    public struct Result {
        public var bytes: [UInt8]
        public var helperSlots: [(address: UInt64, helper: Helper)]
    }

    public static func build(_ t: RuntimeType, slotValue: (RuntimeMethod, RuntimeType) -> UInt64?) -> Result {
        let base = t.methodTableAddress
        var b = [UInt8](repeating: 0, count: MethodTableLayout.chunksOffset)
        var helperSlots: [(UInt64, Helper)] = []
        func put(_ value: UInt64, _ size: Int, at offset: Int) {
            for i in 0..<size { b[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        }
        func append(_ value: UInt64) { b.appendLE(value, 8) }

        var flags: UInt32 = 0
        switch t.kind {
        case .array: flags = MethodTableLayout.flagArray | (t.rank > 0 ? MethodTableLayout.flagMultiDimensional : 0)
        case .valueType: flags = MethodTableLayout.flagValueType
        case .interface: flags = MethodTableLayout.flagInterface
        case .string: flags = MethodTableLayout.flagString
        case .class: flags = 0
        }
        let baseSize: Int
        switch t.kind {
        case .valueType: baseSize = max(24, (8 + t.instanceSize + 7) / 8 * 8)
        case .array: baseSize = t.rank > 0 ? MDArrayLayout.dataOffset(rank: t.rank) : 16
        case .string: baseSize = 14
        case .class: baseSize = t.instanceSize
        case .interface: baseSize = 0
        }
        let component = t.kind == .array ? (t.elementType?.valueSize ?? 8) : t.kind == .string ? 2 : 0
        put(UInt64(flags), 4, at: MethodTableLayout.flagsOffset)
        put(UInt64(baseSize), 4, at: MethodTableLayout.baseSizeOffset)
        put(UInt64(component), 4, at: MethodTableLayout.componentSizeOffset)
        put(UInt64(t.vtable.count), 4, at: MethodTableLayout.slotCountOffset)
        put(t.parent?.methodTableAddress ?? 0, 8, at: MethodTableLayout.parentOffset)
        put(t.elementType?.methodTableAddress ?? 0, 8, at: MethodTableLayout.elementTypeOffset)
        put(UInt64(t.interfaces.count), 4, at: MethodTableLayout.interfaceCountOffset)
        put(UInt64(t.isValueType ? t.instanceSize : 0), 4, at: MethodTableLayout.dataSizeOffset)

        // Chunk pointers, then the chunks.
        let chunkCount = (t.vtable.count + MethodTableLayout.slotsPerChunk - 1) / MethodTableLayout.slotsPerChunk
        b += [UInt8](repeating: 0, count: 8 * chunkCount)
        func slot(_ m: RuntimeMethod) {
            let here = base + UInt64(b.count)
            if let h = m.helper {
                helperSlots.append((here, h))
                append(0)
            } else {
                append(slotValue(m, t) ?? 0)
            }
        }
        for c in 0..<chunkCount {
            put(base + UInt64(b.count), 8, at: MethodTableLayout.chunksOffset + 8 * c)
            for s in 0..<MethodTableLayout.slotsPerChunk {
                let i = c * MethodTableLayout.slotsPerChunk + s
                if i < t.vtable.count { slot(t.vtable[i]) } else { append(0) }
            }
        }
        // Interface map: (interface MT, slot table) pairs, then the slot tables.
        if !t.interfaces.isEmpty {
            put(base + UInt64(b.count), 8, at: MethodTableLayout.interfaceMapOffset)
            let mapStart = b.count
            b += [UInt8](repeating: 0, count: 16 * t.interfaces.count)
            for (i, itf) in t.interfaces.enumerated() {
                put(itf.methodTableAddress, 8, at: mapStart + 16 * i)
                put(base + UInt64(b.count), 8, at: mapStart + 16 * i + 8)
                let impls = t.interfaceImpls.indices.contains(i) ? t.interfaceImpls[i] : []
                for m in impls {
                    if let m { slot(m) } else { append(0) }
                }
            }
        }
        // Name.
        put(base + UInt64(b.count), 8, at: MethodTableLayout.nameOffset)
        b += Array(t.reflectionName.utf8) + [0]
        while b.count % 8 != 0 { b.append(0) }
        if let info = t.enumInfo { appendEnumInfo(info, to: &b, base: base) }
        return Result(bytes: b, helperSlots: helperSlots)
    }

    /// Appends an enum's member table and points `enumInfoOffset` at it: what `Enum.ToString`
    /// (the runtime's `Object.ToString` on a boxed enum) reads to print a member's name.
    static func appendEnumInfo(_ info: RuntimeType.EnumInfo, to b: inout [UInt8], base: UInt64) {
        let start = b.count
        var flags: UInt32 = info.isSigned ? MethodTableLayout.enumSigned : 0
        if info.isFlags { flags |= MethodTableLayout.enumFlagsAttribute }
        b.appendLE(UInt64(info.members.count) | UInt64(flags) << 32, 8)
        let entries = b.count
        b += [UInt8](repeating: 0, count: 16 * info.members.count)
        for (i, m) in info.members.enumerated() {
            let at = entries + 16 * i
            let name = base + UInt64(b.count)
            for k in 0..<8 {
                b[at + k] = UInt8(truncatingIfNeeded: UInt64(bitPattern: m.value) >> UInt64(8 * k))
                b[at + 8 + k] = UInt8(truncatingIfNeeded: name >> UInt64(8 * k))
            }
            b += Array(m.name.utf8) + [0]
        }
        while b.count % 8 != 0 { b.append(0) }
        let address = base + UInt64(start)
        for k in 0..<8 { b[MethodTableLayout.enumInfoOffset + k] = UInt8(truncatingIfNeeded: address >> UInt64(8 * k)) }
    }
}
