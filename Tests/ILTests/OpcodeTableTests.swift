import Testing
@testable import IL

/// The opcode table is indexed by an opcode's ordinal, so its rows must follow the enum's declaration order.
@Suite struct OpcodeTableTests {
    @Test func everyOpcodeHasItsOwnRowInDeclarationOrder() {
        #expect(MemoryLayout<Opcode>.size == 1)
        #expect(Opcode.table.count == Opcode.allCases.count)
        for (i, op) in Opcode.allCases.enumerated() {
            #expect(op.ordinal == i, "\(op) has ordinal \(op.ordinal)")
            #expect(Opcode.table[i].opcode == op, "row \(i) is \(Opcode.table[i].opcode), not \(op)")
        }
    }

    @Test(arguments: [
        (Opcode.nop, UInt16(0x00), OperandKind.none), (.ldarg_0, 0x02, .none), (.ldc_i4_s, 0x1F, .int8),
        (.br, 0x38, .branch), (.switch_, 0x45, .switchTable), (.call, 0x28, .method), (.ldstr, 0x72, .string),
        (.ceq, 0xFE01, .none), (.ldloc, 0xFE0C, .variable), (.readonly, 0xFE1E, .none),
    ])
    func encodingsAndOperandsFollowPartitionIII(_ op: Opcode, _ encoding: UInt16, _ operand: OperandKind) {
        #expect(op.encoding == encoding)
        #expect(op.operandKind == operand)
    }

    @Test func encodingsAreDistinct() {
        #expect(Set(Opcode.table.map(\.encoding)).count == Opcode.table.count)
    }
}
