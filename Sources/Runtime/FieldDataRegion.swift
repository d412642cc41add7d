import Diagnostics
import IL
import JIT

/// The `.data` of a module laid out in the field-data region: where RVA fields' bytes live.
///
/// A real image maps its `.sdata`/`.text` section and an RVA field's data sits at
/// the field's RVA. Here every labelled `.data` declaration of the user module gets a
/// descriptor, in declaration order, starting at `AddressMap.fieldDataBase`:
///
/// ```text
/// +0  u64 byte count
/// +8  the bytes, then zero padding to 8
/// ```
///
/// The descriptor's address is the field's handle (`ldtoken field F`), which the C
/// runtime's `InitializeArray` reads (CRuntime/arrayinit.c). The layout depends only
/// on the module's text, never on which methods are compiled, so listings stay stable.
public struct FieldDataRegion: Sendable {
    /// Descriptor address of each label.
    private var addresses: [String: UInt64] = [:]
    /// Byte count of each label.
    private var sizes: [String: Int] = [:]
    /// The region's bytes, starting at `AddressMap.fieldDataBase`.
    public private(set) var bytes: [UInt8] = []

    /// Lays out every labelled `.data` of `module`.
    public init(module: IL.Module) {
        for d in module.data {
            guard let label = d.label, addresses[label] == nil else { continue }
            addresses[label] = AddressMap.fieldDataBase + UInt64(bytes.count)
            sizes[label] = d.bytes.count
            let n = UInt64(d.bytes.count)
            bytes += (0..<8).map { UInt8(truncatingIfNeeded: n >> UInt64(8 * $0)) }
            bytes += d.bytes
            while bytes.count % 8 != 0 { bytes.append(0) }
        }
    }

    /// True when the layout fits the region of the address map.
    public var fitsRegion: Bool { UInt64(bytes.count) <= AddressMap.fieldDataRegionSize }

    /// The descriptor address and byte count of a label, if the module declares it.
    public func descriptor(of label: String) -> (address: UInt64, size: Int)? {
        guard let a = addresses[label], let s = sizes[label] else { return nil }
        return (a, s)
    }
}

extension ModuleRuntime {
    /// `ldtoken field F`: the handle of an RVA field, i.e. the address of its data descriptor.
    public func fieldData(_ ref: FieldRef, in context: MethodHandle?, at location: SourceLocation) throws -> FieldDataInfo {
        let field = try resolveField(ref, in: context, at: location)
        guard field.isStatic, let def = fieldDefinition(ref) else {
            throw Diagnostic(.unsupported, at: location,
                             "'ldtoken field \(ref.name)': only static fields with '.data' (RVA fields) are supported")
        }
        guard let label = def.dataLabel else {
            throw Diagnostic(.unsupported, at: location,
                             "'ldtoken field \(ref.name)': the field has no '.data' ('at LABEL'); only RVA fields are supported")
        }
        guard let d = fieldDataRegion.descriptor(of: label) else {
            throw Diagnostic(.undefined, at: location, "field '\(ref.name)' is at '.data' label '\(label)', which is not declared")
        }
        guard fieldDataRegion.fitsRegion else {
            throw Diagnostic(.unsupported, at: location,
                             "the module's '.data' needs more than \(AddressMap.fieldDataRegionSize) bytes")
        }
        return FieldDataInfo(handle: d.address, size: d.size, displayName: field.displayName)
    }

    /// The user module's definition of a field reference (RVA fields are always the module's own).
    private func fieldDefinition(_ ref: FieldRef) -> FieldDef? {
        guard let owner = ref.owner.typeName, owner.assembly == nil else { return nil }
        return module.type(named: owner.fullName)?.fields.first { $0.name == ref.name }
    }
}
