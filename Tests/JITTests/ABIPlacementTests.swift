import Testing
@testable import JIT

/// ABI.place: registers in order while a whole argument fits, then 8-byte stack slots.
@Suite struct ABIPlacementTests {
    typealias G = ABI.ArgGroup
    static let six: [RegNum] = [7, 6, 2, 1, 8, 9]   // rdi rsi rdx rcx r8 r9

    @Test func scalarsPastTheRegistersGoToSlotsInOrder() {
        let places = ABI.place(Array(repeating: G(count: 1), count: 8), registers: Self.six)
        #expect(places.map(\.first) == [.register(7), .register(6), .register(2), .register(1), .register(8), .register(9),
                                        .stack(slot: 0), .stack(slot: 1)])
    }

    @Test func aStructThatDoesNotFitGoesWholeToTheStackAndClosesTheRegisters() {
        // Five scalars take five registers; a two-register struct no longer fits; the scalar after it follows on the stack.
        let groups = Array(repeating: G(count: 1), count: 5) + [G(count: 2), G(count: 1)]
        let places = ABI.place(groups, registers: Self.six)
        #expect(places[5] == [.stack(slot: 0), .stack(slot: 1)])
        #expect(places[6] == [.stack(slot: 2)])
    }

    @Test func aStackOnlyStructTakesItsSlotsWhateverRegistersAreLeft() {
        let places = ABI.place([G(count: 1), G(count: 3, stackOnly: true), G(count: 1)], registers: Self.six)
        #expect(places == [[.register(7)], [.stack(slot: 0), .stack(slot: 1), .stack(slot: 2)], [.stack(slot: 3)]])
    }

    @Test(arguments: [(ABI.StructPassing.registers(1), 8), (.registers(2), 16), (.stack(slots: 3), 24), (.stack(slots: 5), 40)])
    func x64StructsOver16BytesTravelByValueInSlots(_ expected: ABI.StructPassing, _ size: Int) {
        #expect(ABI.structPassing(size: size, arch: .x64) == expected)
        #expect(ABI.structPassing(size: size, arch: .arm64) == (size > 16 ? .byReference : expected))
    }
}
