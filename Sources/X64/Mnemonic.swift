/// The instruction families the model JIT emits.
///
/// Condition-code families (`jcc`, `setcc`, `cmovcc`) are one mnemonic each; the
/// instruction's `condition` picks the member and is added to the opcode.
public enum Mnemonic: String, Sendable, CaseIterable {
    /// Hashes the case, not the string `RawRepresentable` would hash: set and dictionary lookups
    /// keyed by it are on the JIT's hot path.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine(bytes: $0) } }

    /// The case's declaration index, in `0..<allCases.count` (a payload-free enum's tag is its case
    /// number): per-mnemonic tables are arrays indexed by it, which a lookup need not hash.
    /// (One tag byte up to 256 cases, two beyond; MnemonicOrdinalTests checks every case.)
    var ordinal: Int { withUnsafeBytes(of: self) { $0.count == 1 ? Int($0[0]) : Int($0.loadUnaligned(as: UInt16.self)) } }

    case mov, movsx, movzx, movsxd, lea
    case add, or, and, sub, xor, cmp, test
    case imul, neg, not, inc, dec
    case shl, shr, sar
    case cdq, cqo, idiv, div
    case setcc, cmovcc, jcc, jmp, call, ret
    case push, pop, int3, nop
    // SSE/SSE2 scalar floating point
    case movsd, movss, movaps, movd, movq
    case addsd, addss, subsd, subss, mulsd, mulss, divsd, divss, sqrtsd, sqrtss
    case minsd, minss, maxsd, maxss
    case ucomisd, ucomiss, xorps, andps
    case cvtsi2sd, cvtsi2ss, cvttsd2si, cvttss2si, cvtss2sd, cvtsd2ss

    /// True for the families whose member is chosen by a `Condition`.
    public var takesCondition: Bool { self == .setcc || self == .cmovcc || self == .jcc }

    /// The printed mnemonic: the raw name, or the family stem plus the condition.
    public func spelling(_ condition: Condition?) -> String {
        let cc = condition?.description ?? "cc"
        switch self {
        case .setcc: return "set" + cc
        case .cmovcc: return "cmov" + cc
        case .jcc: return "j" + cc
        default: return rawValue
        }
    }
}
