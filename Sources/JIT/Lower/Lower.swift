import Diagnostics

/// Lowering: rewrites target-independent LIR into the shapes codegen and LSRA expect.
///
/// Shared work lives here; the target-specific decisions (which immediates an
/// instruction can encode, which operations need fixed registers) are in
/// `LowerX64` and `LowerARM64`. After lowering:
/// - every call argument is a PUTARG_REG with a fixed argument register, placed
///   right before its CALL, and every call result is copied out of the return
///   register by a COPY (so the fixed-register range stays one instruction long);
/// - a JTRUE's compare is contained (codegen emits `cmp` + `jcc`);
/// - constants an instruction can encode are contained.
enum Lower {
    static func run(_ c: Compiler) throws {
        for block in c.blocks {
            var out: [Node] = []
            out.reserveCapacity(block.lir.count)
            for node in block.lir {
                switch node.oper {
                case .call:
                    try lowerCall(node, c, into: &out)
                    continue
                case .jtrue:
                    if let cmp = node.operands.first, cmp.oper.isCompare {
                        cmp.flags.insert(.contained)
                    }
                default:
                    break
                }
                out.append(node)
            }
            block.lir = out
            switch c.arch {
            case .x64: LowerX64.lower(block, c)
            case .arm64: LowerARM64.lower(block, c)
            }
        }
    }

    /// Arguments into PUTARG_REG nodes just before the call; the result copied out of the return register.
    private static func lowerCall(_ call: Node, _ c: Compiler, into out: inout [Node]) throws {
        guard call.operands.count <= c.target.argRegs.count else {
            throw c.error(.unsupported, "calls with more than \(c.target.argRegs.count) arguments (stack arguments) are not supported yet",
                          at: c.method.body.first { $0.offset == call.ilOffset }?.location)
        }
        var putArgs: [Node] = []
        for (i, arg) in call.operands.enumerated() {
            let put = c.node(.putArgReg, arg.type.actualType, [arg])
            put.fixedReg = c.target.argRegs[i]
            put.ilOffset = call.ilOffset
            putArgs.append(put)
        }
        out.append(contentsOf: putArgs)
        call.operands = putArgs
        call.killsAtDef = c.target.callerSaved
        out.append(call)
        if call.producesValue {
            call.fixedReg = c.target.returnReg
            if call.flags.contains(.unusedValue) { return }
            let copy = c.node(.copy, call.type, [])
            copy.ilOffset = call.ilOffset
            replaceUses(of: call, with: copy, in: c)
            copy.operands = [call]
            out.append(copy)
        }
    }

    /// Makes every user of `old` in the method use `new` instead (LIR values have one user).
    static func replaceUses(of old: Node, with new: Node, in c: Compiler) {
        for block in c.blocks {
            for n in block.lir {
                for (i, op) in n.operands.enumerated() where op === old { n.operands[i] = new }
            }
        }
    }

    /// Inserts `new` right before `before` in the block's LIR.
    static func insert(_ new: Node, before: Node, in block: BasicBlock) {
        if let i = block.lir.firstIndex(where: { $0 === before }) { block.lir.insert(new, at: i) }
    }

    /// True when `n` is a CNS_INT whose value fits in a signed 32-bit immediate.
    static func isInt32Constant(_ n: Node) -> Bool {
        n.oper == .cnsInt && n.value >= Int64(Int32.min) && n.value <= Int64(Int32.max)
    }
}
