import Testing
@testable import ARM64

@Suite("ARM64 mnemonic ordinals")
struct MnemonicOrdinalTests {
    /// The form table is an array indexed by `Mnemonic.ordinal`, read from the enum's tag: it must be
    /// each case's declaration index, or an instruction would be matched against another mnemonic's rows.
    @Test("every mnemonic's ordinal is its index in allCases")
    func ordinalsAreIndices() {
        for (i, m) in Mnemonic.allCases.enumerated() {
            #expect(m.ordinal == i, "\(m)")
        }
    }
}
