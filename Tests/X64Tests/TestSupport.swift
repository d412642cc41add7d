import X64

/// One encoding triple: an instruction, its expected bytes and its expected listing text.
struct Triple: Sendable, CustomStringConvertible {
    let instruction: Instruction
    let bytes: [UInt8]
    let text: String

    var description: String { text }
}

/// Builds a triple from a hex byte string such as `"48 03 c1"`.
func T(_ instruction: Instruction, _ hex: String, _ text: String) -> Triple {
    let bytes = hex.split(separator: " ").map { UInt8($0, radix: 16) ?? 0xEE }
    return Triple(instruction: instruction, bytes: bytes, text: text)
}

/// Where the triples are encoded, and where their labels are.
///
/// Label 1 is a little ahead (short and long reach it), label 2 a little behind,
/// label 3 far ahead (only rel32 reaches it).
enum Fixture {
    static let address: UInt64 = 0x1000
    static let labelAddresses: [Int: UInt64] = [1: 0x1010, 2: 0xF90, 3: 0x12345]

    static func label(_ id: Int) -> UInt64? { labelAddresses[id] }

    static func labelName(_ id: Int) -> String {
        "G_M1234_IG" + (id < 10 ? "0" : "") + String(id)
    }

    /// Labels at the same distance from `address` as the fixture labels are from 0x1000.
    static func labels(relativeTo address: UInt64) -> (Int) -> UInt64? {
        { id in labelAddresses[id].map { address &+ ($0 &- Fixture.address) } }
    }
}
