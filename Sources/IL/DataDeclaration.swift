import Diagnostics

/// One `.data` declaration: a labelled block of bytes in the image (ECMA-335 II.16.3).
///
/// C# compilers put the initial contents of constant arrays here: mcs writes
/// `.data D_00004000 = bytearray ( 01 00 00 00 ... )` and a static field
/// `... '$field-...' at D_00004000` (an RVA field) whose token `ldtoken` hands to
/// `RuntimeHelpers.InitializeArray`. The IL layer keeps the bytes; where they are
/// placed in memory is the runtime model's business.
public struct DataDeclaration: Hashable, Sendable {
    /// The label (`D_00004000`); nil for an anonymous `.data = ...`.
    public var label: String?
    /// The bytes, little-endian for typed items (`int32(5)`).
    public var bytes: [UInt8]
    /// Where `.data` was written.
    public var location: SourceLocation

    public init(label: String?, bytes: [UInt8], location: SourceLocation) {
        self.label = label
        self.bytes = bytes
        self.location = location
    }
}
