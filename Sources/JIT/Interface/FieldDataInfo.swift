/// What `ldtoken field F` of an RVA field gives the JIT: the field's handle (CORINFO_FIELD_HANDLE).
///
/// The handle is the address of the field's data descriptor in the runtime's
/// read-only field-data region (a u64 byte count, then the bytes of its `.data`),
/// so `RuntimeHelpers.InitializeArray(array, handle)` can find and bound the data
/// with nothing but the handle, as CoreCLR's FCall reads size and RVA from the FieldDesc.
public struct FieldDataInfo: Hashable, Sendable {
    /// Address of the descriptor: the handle's value in generated code.
    public var handle: UInt64
    /// Number of data bytes.
    public var size: Int
    /// `<PrivateImplementationDetails>:$field-...`, the handle's listing comment.
    public var displayName: String

    public init(handle: UInt64, size: Int, displayName: String) {
        self.handle = handle
        self.size = size
        self.displayName = displayName
    }
}
