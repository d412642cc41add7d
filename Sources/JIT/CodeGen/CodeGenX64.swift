import Diagnostics
import X64

/// x64 code generation (System V): one LIR node at a time, after LSRA.
///
/// Integer values of type `int` live in 32-bit registers (writes zero the upper
/// half, as on hardware), `long` values in 64-bit registers. Two-address
/// instructions are formed with the copy-then-operate idiom; additions whose
/// result goes to a third register use `lea`, as RyuJIT does.
struct CodeGenX64 {
    let c: Compiler
    /// `c.machine`, the output being filled (held here: reading it through `c` retained it per instruction).
    let out: MachineCode
    let scratch = Reg.r11
    /// The method's shared throw blocks (one per helper, RyuJIT's `fgAddCodeRef` list), in order of first use.
    var throwBlocks = ThrowBlocks()

    init(_ c: Compiler) {
        self.c = c
        out = c.machine
    }

    static func generate(_ c: Compiler) throws {
        var g = CodeGenX64(c)
        try g.run()
    }

    // MARK: registers and widths

    func R(_ r: RegNum) -> Reg { Reg(rawValue: UInt8(r))! }

    func width(_ t: VarType) -> Width { t.actualType == .long || t == .ref || t == .byref ? .qword : .dword }

    /// The register holding a (non-contained) operand's value.
    func reg(_ n: Node) throws -> Reg {
        if n.oper == .lclVar, c.locals[n.lclNum].isRegCandidate, let r = c.locals[n.lclNum].reg, !TargetInfo.isFloat(r) { return R(r) }
        guard let r = n.reg, !TargetInfo.isFloat(r) else {
            throw c.error(.internalError, "node [\(String(format: "%06d", n.id))] \(n.oper.rawValue) has no general register")
        }
        return R(r)
    }

    /// Appends `i` (consumed: it moves into the instruction list without a copy).
    func emit(_ i: consuming X64.Instruction) { out.emit(i) }

    func mov(_ dst: Reg, _ src: Reg, _ w: Width) {
        if dst != src { emit(Instruction(.mov, .reg(dst, w), .reg(src, w))) }
    }

    /// Loads a constant the way RyuJIT does: `xor` for zero, the 32-bit form when it zero-extends.
    /// A handle constant keeps the 64-bit form and carries its comment (`mov rdi, 0x7FF000300010 ; 'Hello'`).
    func loadConstant(_ dst: Reg, _ v: Int64, _ w: Width, comment: String? = nil) {
        if let comment {
            emit(Instruction(.mov, .q(dst), .imm(v), comment: comment))
        } else if v == 0 {
            emit(Instruction(.xor, .d(dst), .d(dst)))
        } else if w == .dword || (v > 0 && v <= Int64(UInt32.max)) {
            emit(Instruction(.mov, .d(dst), .imm(w == .dword ? Int64(UInt32(truncatingIfNeeded: v)) : v)))
        } else {
            emit(Instruction(.mov, .q(dst), .imm(v)))
        }
    }

    /// The memory operand of a stack local.
    func home(_ v: Int, _ w: Width) -> Operand {
        let (base, off) = FrameBuilder.home(c.locals[v], c)
        return .ptr(w, R(base), Int64(off))
    }

    // MARK: method

    mutating func run() throws {
        try prolog()
        out.items.append(.prologEnd)
        try CodeGen.emitBlocks(c, gen: { try gen($0, in: $1) },
                               jump: { emit(.jmp(label: $0)) },
                               throwBlocks: { throwBlocks },
                               callHelper: { emit(.call(cell: $0.cellAddress, symbol: $0.displayName)) })
    }

    /// Stack adjustment below the pushes so that calls see a 16-byte aligned rsp: the locals,
    /// then (at rsp) the outgoing argument area.
    var stackAlloc: Int {
        let pushes = 8 * (1 + c.frame.calleeSavedUsed.count)   // rbp + callee-saved
        let size = c.frame.localsSize + c.frame.outgoingArgSize
        let total = 8 + pushes + size                            // + return address
        return size + (16 - total % 16) % 16
    }

    mutating func prolog() throws {
        let f = c.frame
        if f.usesFramePointer {
            emit(.push(.rbp))
            for r in f.calleeSavedUsed.reversed() { emit(.push(R(r))) }
            let alloc = stackAlloc
            if alloc > 0 { emit(Instruction(.sub, .q(.rsp), .imm(Int64(alloc)))) }
            let pushed = 8 * f.calleeSavedUsed.count + alloc
            if pushed > 0 {
                emit(Instruction(.lea, .q(.rbp), .addr(.rsp, Int64(pushed))))
            } else {
                emit(Instruction(.mov, .q(.rbp), .q(.rsp)))
            }
        } else {
            for r in f.calleeSavedUsed.reversed() { emit(.push(R(r))) }
        }
        // Incoming arguments to their homes.
        var moves: [(dst: Reg, src: Reg, w: Width)] = []
        var floatMoves: [ParallelMove.Move<XMM, Width>] = []
        for v in c.locals where !v.argRegs.isEmpty {
            if v.type.isFloating {
                let src = X(v.argRegs[0])
                if let r = v.reg {
                    floatMoves.append(ParallelMove.Move(dst: X(r), src: src, width: .qword))
                } else if v.stackOffset != nil {
                    let (m, w) = scalarMove(v.type)
                    emit(Instruction(m, home(v.num, w), .xmm(src)))
                }
                continue
            }
            let src = R(v.argRegs[0])
            if let r = v.reg {
                moves.append((R(r), src, width(v.type)))
            } else if v.stackOffset != nil && v.type == .struct {
                let (base, off) = FrameBuilder.home(v, c)
                for (k, ar) in v.argRegs.enumerated() {
                    emit(Instruction(.mov, .ptr(.qword, R(base), Int64(off + 8 * k)), .q(R(ar))))
                }
            } else if v.stackOffset != nil {
                emit(Instruction(.mov, home(v.num, storeWidth(v.type)), .reg(src, storeWidth(v.type))))
            }
        }
        parallelMove(moves)
        for m in ParallelMove.sequence(floatMoves, scratch: xmmScratch, scratchWidth: .qword) { movaps(m.dst, m.src) }
        // Stack-passed parameters of an async method into their own homes (the scratch register is free here).
        for v in c.locals where v.copiedFromIncomingSlot {
            guard let k = v.incomingStackSlot else { continue }
            let (ib, io) = FrameBuilder.incomingHome(slot: k, c)
            let (hb, ho) = FrameBuilder.home(v, c)
            let size = FrameBuilder.incomingCopySize(v)
            var at = 0
            while at < size {
                let w: Width = size - at >= 8 ? .qword : size - at >= 4 ? .dword : size - at >= 2 ? .word : .byte
                emit(Instruction(.mov, .reg(scratch, w), .ptr(w, R(ib), Int64(io + at))))
                emit(Instruction(.mov, .ptr(w, R(hb), Int64(ho + at)), .reg(scratch, w)))
                at += w == .qword ? 8 : w == .dword ? 4 : w == .word ? 2 : 1
            }
        }
        // `.locals init` locals whose address is taken live in memory: zero their whole slot.
        for v in c.locals where v.addressExposed && v.stackOffset != nil && c.method.initLocals {
            guard case .local = v.kind else { continue }
            let (base, off) = FrameBuilder.home(v, c)
            let size = v.type == .struct ? (v.structSize + 7) / 8 * 8 : max(4, v.type.size)
            var k = 0
            while k < size {
                let w: Width = size - k >= 8 ? .qword : .dword
                emit(Instruction(.mov, .ptr(w, R(base), Int64(off + k)), .imm(0)))
                k += w == .qword ? 8 : 4
            }
        }
        // `.locals init`: zero the locals that are read before written.
        for v in c.zeroInitLocals where !c.locals[v].addressExposed {
            let local = c.locals[v]
            if let r = local.reg, local.type.isFloating {
                emit(Instruction(.xorps, .xmm(X(r)), .xmm(X(r))))
            } else if let r = local.reg {
                emit(Instruction(.xor, .d(R(r)), .d(R(r))))
            } else if local.stackOffset != nil {
                emit(Instruction(.mov, home(v, storeWidth(local.type)), .imm(0)))
            }
        }
    }

    /// Moves several registers at once, breaking cycles through the scratch register.
    func parallelMove(_ moves: [(dst: Reg, src: Reg, w: Width)]) {
        let all = moves.map { ParallelMove.Move(dst: $0.dst, src: $0.src, width: $0.w) }
        for m in ParallelMove.sequence(all, scratch: scratch, scratchWidth: .qword) { mov(m.dst, m.src, m.width) }
    }

    /// The epilog; `returning: false` leaves out the `ret` (a fast tail call jumps instead).
    func epilog(weight: Double, returning: Bool = true) {
        out.items.append(.epilogStart(weight: weight))
        let f = c.frame
        if f.usesFramePointer {
            let alloc = stackAlloc
            if f.hasLocalloc {
                // The stack pointer moved by an unknown amount: back to just below the saves.
                let saves = 8 * f.calleeSavedUsed.count
                if saves == 0 { emit(Instruction(.mov, .q(.rsp), .q(.rbp))) }
                else { emit(Instruction(.lea, .q(.rsp), .addr(.rbp, -Int64(saves)))) }
            } else if alloc > 0 {
                emit(Instruction(.add, .q(.rsp), .imm(Int64(alloc))))
            }
            for r in f.calleeSavedUsed { emit(.pop(R(r))) }
            emit(.pop(.rbp))
        } else {
            for r in f.calleeSavedUsed { emit(.pop(R(r))) }
        }
        if returning { emit(.ret) }
    }

    func storeWidth(_ t: VarType) -> Width {
        switch t.size {
        case 1: .byte
        case 2: .word
        case 8: .qword
        default: .dword
        }
    }
}
