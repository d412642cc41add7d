/// arm64 lowering: contain the immediates A64 instructions can encode.
enum LowerARM64 {
    static func lower(_ block: BasicBlock, _ c: Compiler) {
        for n in block.lir {
            switch n.oper {
            case .add, .sub, .eq, .ne, .lt, .le, .ge, .gt:
                // add/sub/cmp take a 12-bit unsigned immediate, optionally shifted by 12.
                if n.operands.count == 2, isArithImmediate(n.operands[1]) {
                    n.operands[1].flags.insert(.contained)
                }
            case .lsh, .rsh, .rsz:
                if n.operands[1].oper == .cnsInt { n.operands[1].flags.insert(.contained) }
            default:
                break
            }
        }
    }

    /// True when the constant is encodable as an add/sub/cmp immediate (also negated: add <-> sub).
    static func isArithImmediate(_ n: Node) -> Bool {
        guard n.oper == .cnsInt else { return false }
        let v = n.value == Int64.min ? Int64.max : abs(n.value)
        return v < 4096 || (v & 0xFFF == 0 && v < (4096 << 12))
    }
}
