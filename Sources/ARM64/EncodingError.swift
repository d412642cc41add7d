/// Why an instruction could not be encoded.
///
/// The encoder never traps on bad operands: the JIT gets one of these and turns it into
/// a diagnostic (or picks another instruction sequence, e.g. for an unencodable immediate).
public struct EncodingError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// No form of the mnemonic takes operands of these kinds (or this size).
        case operandMismatch
        /// An immediate, offset or shift is outside the range of the field.
        case outOfRange
        /// A value has the right size but no encoding (e.g. not a bitmask immediate).
        case unencodable
        /// A branch names a label with no address.
        case unresolvedLabel
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "arm64 encoding error: \(message)" }
}
