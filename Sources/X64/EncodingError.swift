/// Why an instruction could not be encoded.
///
/// Raised for operand combinations that no row of the form table accepts, for
/// displacements or immediates out of range, for unresolved labels and for
/// impossible addressing (rsp as an index). The message names the instruction.
public struct EncodingError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "x64 encoding error: \(message)" }
}
