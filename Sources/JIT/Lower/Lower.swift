import Diagnostics

/// Lowering: rewrites target-independent LIR into the shapes codegen and LSRA expect.
///
/// Shared work lives here; the target-specific decisions (which immediates an
/// instruction can encode, which operations need fixed registers) are in
/// `LowerX64` and `LowerARM64`. After lowering:
/// - every call argument is a PUTARG_REG with a fixed argument register (or, past the
///   registers, a PUTARG_STK into the outgoing area), placed right before its CALL, and every call result is copied out of the return
///   register by a COPY (so the fixed-register range stays one instruction long);
/// - a fast tail call's PUTARG_STKs target the caller's incoming area, and it has neither result
///   nor RETURN after it (the jump after the epilog leaves the method);
/// - a JTRUE's compare is contained (codegen emits `cmp` + `jcc`);
/// - constants an instruction can encode are contained.
enum Lower {
    static func run(_ c: Compiler) throws {
        let callerSaved = callerSaved(c.arch)
        for block in c.blocks {
            let lir = block.lir
            // Most blocks only have flags set on their nodes: the new list `out` is started (with
            // the nodes before) at the first node that is replaced, expanded or dropped.
            var out: [Node] = []
            var rewriting = false
            /// Starts `out` with the nodes before the one at `index`, once.
            func startRewriting(at index: Int) {
                guard !rewriting else { return }
                rewriting = true
                out.reserveCapacity(lir.count + 8)
                out.append(contentsOf: lir[..<index])
            }
            var secondResults: [Int: Node] = [:]
            var releasedFrame = false
            for (index, node) in lir.enumerated() {
                switch node.oper {
                case .call:
                    startRewriting(at: index)
                    try lowerCall(node, c, in: block, into: &out, secondResults: &secondResults, callerSaved: callerSaved)
                    if node.flags.contains(.fastTailCall) { releasedFrame = true }
                    continue
                case .ret where releasedFrame:
                    // The fast tail call's jump leaves the method: its RETURN has nothing to do.
                    startRewriting(at: index)
                    continue
                case .storeLclVar where c.locals[node.lclNum].type == .struct:
                    startRewriting(at: index)
                    lowerStructStore(node, c, into: &out, secondResults: secondResults)
                    continue
                case .ind, .storeInd, .nullCheck:
                    containAddress(node, c)
                case .storeBlk:
                    containAddress(node, c)
                    // Only a zero source is a fill; any other constant is an address to copy from
                    // (a static struct field's, `ldsfld` of a struct).
                    if let src = node.operands.last, src.oper == .cnsInt, src.value == 0 { src.flags.insert(.contained) }
                case .jtrue:
                    if let cmp = node.operands.first, cmp.oper.isCompare {
                        cmp.flags.insert(.contained)
                    }
                case .callResult2 where node.fixedReg == nil:
                    // The continuation an async call returns (the importer's CALL_RESULT2): rcx / x2.
                    node.fixedReg = ABI.asyncContinuationReg(c.arch)
                case .ret where c.async.isAsync:
                    // A normal return zeroes the continuation register: `xor ecx, ecx` / `mov x2, xzr`.
                    if let cont = node.operands.last, cont.isConstant(0) { cont.flags.insert(.contained) }
                default:
                    break
                }
                if rewriting { out.append(node) }
            }
            if rewriting { block.lir = out }
            switch c.arch {
            case .x64: LowerX64.lower(block, c)
            case .arm64: LowerARM64.lower(block, c)
            }
        }
    }

    /// Arguments into PUTARG_REG nodes just before the call; the result copied out of the return register.
    /// `block` is the call's block, whose `lir` still lists the nodes after it (the call's user among them);
    /// `callerSaved` is the target's (the registers the call kills).
    private static func lowerCall(_ call: Node, _ c: Compiler, in block: BasicBlock, into out: inout [Node],
                                  secondResults: inout [Int: Node], callerSaved: [RegNum]) throws {
        var args = call.operands
        var indirect: Node?
        if call.callTarget?.dispatch == .indirect { indirect = args.popLast() }
        let locations = try argumentLocations(call, c)
        let tail = call.flags.contains(.fastTailCall)
        var putArgs: [Node] = []
        for (arg, location) in zip(args, locations) {
            let put: Node
            switch location {
            case .register(let r):
                put = c.node(.putArgReg, arg.type.actualType, [arg])
                put.fixedReg = r
            case .stack(let slot):
                put = c.node(.putArgStk, .void, [arg])
                put.memType = arg.type.actualType
                put.memOffset = 8 * slot
                // A fast tail call's stack arguments go to the caller's own incoming area.
                if tail { put.flags.insert(.fastTailCall) }
            }
            put.ilOffset = call.ilOffset
            putArgs.append(put)
        }
        out.append(contentsOf: putArgs)
        // PUTARG_STK stores and defines nothing: it stays in LIR before the call, not among its operands.
        call.operands = putArgs.filter { $0.oper == .putArgReg } + (indirect.map { [$0] } ?? [])
        call.killsAtDef = callerSaved
        out.append(call)
        // A fast tail call returns nothing here: the callee returns to this method's caller.
        if tail {
            call.type = .void
            return
        }
        let structSize = call.type == .struct ? call.blockSize : 0
        if call.type == .struct { call.type = .long }
        if call.producesValue {
            if structSize > 8 {
                call.fixedReg = c.target.returnReg
                let copy = c.node(.copy, .long, [])
                copy.ilOffset = call.ilOffset
                replaceUses(of: call, with: copy, in: block)
                copy.operands = [call]
                out.append(copy)
                let second = c.node(.callResult2, .long, [])
                second.pairedCall = call
                second.fixedReg = ABI.returnReg2(c.arch)
                out.append(second)
                let copy2 = c.node(.copy, .long, [second])
                out.append(copy2)
                secondResults[call.id] = copy2
                return
            }
            call.fixedReg = c.target.returnReg(for: call.type)
            if call.flags.contains(.unusedValue) { return }
            let copy = c.node(.copy, call.type, [])
            copy.ilOffset = call.ilOffset
            replaceUses(of: call, with: copy, in: block)
            copy.operands = [call]
            out.append(copy)
        }
    }

    /// Where each argument operand of `call` travels (the indirect target excluded), by `ABI.place`;
    /// on arm64 the hidden return buffer goes in x8, outside the argument registers.
    static func argumentLocations(_ call: Node, _ c: Compiler) throws -> [ABI.ArgLocation] {
        var count = call.operands.count
        if call.callTarget?.dispatch == .indirect { count -= 1 }
        var groups = call.argGroups ?? call.operands.prefix(count).map { ABI.ArgGroup(count: 1, floating: $0.type.isFloating) }
        guard groups.reduce(0, { $0 + $1.count }) == count else {
            throw c.error(.internalError, "a call's argument groups do not cover its \(count) operands")
        }
        // The buffer follows at most `this`, so its group index is its operand index.
        let arm64RetBuf = c.arch == .arm64 ? call.retBufOperand : nil
        if let rb = arm64RetBuf { groups.remove(at: rb) }
        var locations = ABI.place(groups, c.target).flatMap { $0 }
        if let rb = arm64RetBuf { locations.insert(.register(ABI.arm64RetBufReg), at: rb) }
        return locations
    }

    /// `STORE_LCL_VAR struct (CALL)`: the return registers stored into the local's stack home.
    private static func lowerStructStore(_ store: Node, _ c: Compiler, into out: inout [Node],
                                         secondResults: [Int: Node]) {
        guard let value = store.operands.first else { return }
        let call = value.oper == .copy ? value.operands.first : value
        var chunks: [Node] = [value]
        if let call, let second = secondResults[call.id] { chunks.append(second) }
        value.type = .long
        for (k, chunk) in chunks.enumerated() {
            let addr = c.node(.lclAddr, .byref)
            addr.lclNum = store.lclNum
            addr.flags.insert(.contained)
            let st = c.node(.storeInd, .void, [addr, chunk])
            st.memType = .long
            st.memOffset = 8 * k
            st.ilOffset = store.ilOffset
            out.append(addr)
            out.append(st)
        }
    }

    /// Folds the address operands of a memory node (`ADD(base, cns)`, `LCL_ADDR`) into its memory operand.
    static func containAddress(_ n: Node, _ c: Compiler) {
        let count = n.oper == .storeBlk ? 2 : 1
        for addr in n.operands.prefix(count) { containAddressOperand(addr) }
    }

    static func containAddressOperand(_ addr: Node) {
        if addr.oper == .lclAddr {
            addr.flags.insert(.contained)
            return
        }
        if addr.oper == .add, addr.operands.count == 2, addr.operands[1].oper == .cnsInt,
           addr.operands[1].handleComment == nil, abs(addr.operands[1].value) < 0x1000 {
            addr.flags.insert(.contained)
            addr.operands[1].flags.insert(.contained)
            if addr.operands[0].oper == .lclAddr { addr.operands[0].flags.insert(.contained) }
        }
    }

    /// Makes every user of `old` use `new` instead. LIR values are only used in their own block
    /// (only locals carry values across blocks), so only `block`'s nodes are searched.
    static func replaceUses(of old: Node, with new: Node, in block: BasicBlock) {
        for n in block.lir {
            for i in n.operands.indices where n.operands[i] === old { n.operands[i] = new }
        }
    }

    /// Inserts `new` right before `before` in the block's LIR.
    static func insert(_ new: Node, before: Node, in block: BasicBlock) {
        if let i = block.lir.firstIndex(where: { $0 === before }) { block.lir.insert(new, at: i) }
    }

    /// The registers a call kills on `arch` (`TargetInfo.callerSaved` builds the list each time it is asked).
    private static func callerSaved(_ arch: Arch) -> [RegNum] {
        switch arch {
        case .x64: callerSavedX64
        case .arm64: callerSavedARM64
        }
    }
    private static let callerSavedX64 = TargetInfo.x64.callerSaved
    private static let callerSavedARM64 = TargetInfo.arm64.callerSaved

    /// True when `n` is a CNS_INT whose value fits in a signed 32-bit immediate.
    static func isInt32Constant(_ n: Node) -> Bool {
        n.oper == .cnsInt && n.value >= Int64(Int32.min) && n.value <= Int64(Int32.max)
    }
}
