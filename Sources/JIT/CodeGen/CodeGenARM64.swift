import ARM64
import Diagnostics

/// arm64 code generation (AAPCS64): one LIR node at a time, after LSRA.
///
/// Every method gets an fp frame (`stp fp, lr, [sp, #-N]!` / `mov fp, sp`) as
/// RyuJIT builds on arm64; callee-saved registers are stored above the frame
/// record and stack locals above them. x16/x17 (ip0/ip1) are codegen's scratch.
struct CodeGenARM64 {
    let c: Compiler
    /// `c.machine`, the output being filled (held here: reading it through `c` retained it per instruction).
    let out: MachineCode
    let ip0 = Reg.x16, ip1 = Reg.x17
    /// The method's shared throw blocks (one per helper, RyuJIT's `fgAddCodeRef` list), in order of first use.
    var throwBlocks = ThrowBlocks()

    init(_ c: Compiler) {
        self.c = c
        out = c.machine
    }

    static func generate(_ c: Compiler) throws {
        var g = CodeGenARM64(c)
        try g.run()
    }

    func R(_ r: RegNum) -> Reg {
        switch r {
        case 29: .fp
        case 30: .lr
        default: Reg(rawValue: UInt8(r))!
        }
    }

    func size(_ t: VarType) -> OperandSize { t.actualType == .long || t == .ref || t == .byref ? .x : .w }

    func reg(_ n: Node) throws -> Reg {
        if n.oper == .lclVar, c.locals[n.lclNum].isRegCandidate, let r = c.locals[n.lclNum].reg, !TargetInfo.isFloat(r) { return R(r) }
        guard let r = n.reg, !TargetInfo.isFloat(r) else {
            throw c.error(.internalError, "node [\(String(format: "%06d", n.id))] \(n.oper.rawValue) has no general register")
        }
        return R(r)
    }

    /// Appends `i` (consumed: it moves into the instruction list without a copy).
    func emit(_ i: consuming ARM64.Instruction) { out.emit(i) }
    func emit(_ m: Mnemonic, _ s: OperandSize, _ ops: Operand...) { emit(Instruction(m, s, operands: ops)) }

    func mov(_ dst: Reg, _ src: Reg, _ s: OperandSize) {
        if dst != src { emit(.mov, s, .reg(dst), .reg(src)) }
    }

    /// `mov` for one-chunk constants (movz/movn aliases), else movz + movk per non-zero 16-bit chunk.
    func loadConstant(_ dst: Reg, _ value: Int64, _ s: OperandSize, comment: String? = nil) {
        let bits = s == .w ? 32 : 64
        let v = s == .w ? UInt64(UInt32(truncatingIfNeeded: value)) : UInt64(bitPattern: value)
        // The 16-bit chunks of the value, low first, counted without building arrays (every
        // constant comes through here).
        let chunkCount = bits / 16
        func chunk(_ i: Int) -> UInt64 { (v >> UInt64(16 * i)) & 0xFFFF }
        var nonZero = 0, nonZeroInverted = 0
        for i in 0..<chunkCount {
            if chunk(i) != 0 { nonZero += 1 }
            if ~chunk(i) & 0xFFFF != 0 { nonZeroInverted += 1 }
        }
        if v == 0 {
            emit(Instruction(.mov, s, operands: [.reg(dst), .reg(.zr)], comment: comment))
        } else if nonZero == 1 {
            emit(Instruction(.mov, s, operands: [.reg(dst), .imm(Int64(bitPattern: v))], comment: comment))
        } else if nonZeroInverted == 1 {
            let signed = s == .w ? Int64(Int32(truncatingIfNeeded: value)) : value
            emit(Instruction(.mov, s, operands: [.reg(dst), .imm(signed)], comment: comment))
        } else {
            var first = true
            for i in 0..<chunkCount where chunk(i) != 0 {
                let part = chunk(i)
                let shift = UInt8(i * 16)
                let op: Operand = shift == 0 ? .imm(Int64(part)) : .shiftedImm(Int64(part), lsl: shift)
                emit(Instruction(first ? .movz : .movk, s, operands: [.reg(dst), op], comment: first ? comment : nil))
                first = false
            }
        }
    }

    /// Size of the whole frame: outgoing argument area, frame record, callee-saved area, locals; 16-byte aligned.
    var frameSize: Int { FrameBuilder.arm64FrameSize(c) }
    /// Bytes between sp and the frame record (the outgoing argument area).
    var recordOffset: Int64 { Int64(c.frame.outgoingArgSize) }

    func home(_ v: Int) -> Memory {
        let (_, off) = FrameBuilder.home(c.locals[v], c)
        return .offset(.fp, Int64(off))
    }

    func loadMnemonic(_ t: VarType) -> Mnemonic {
        switch t {
        case .byte: .ldrsb
        case .bool, .ubyte: .ldrb
        case .short: .ldrsh
        case .ushort: .ldrh
        default: .ldr
        }
    }

    func storeMnemonic(_ t: VarType) -> Mnemonic {
        switch t.size {
        case 1: .strb
        case 2: .strh
        default: .str
        }
    }

    // MARK: method

    mutating func run() throws {
        try prolog()
        out.items.append(.prologEnd)
        try CodeGen.emitBlocks(c, gen: { try gen($0, in: $1) },
                               jump: { emit(.b, .x, .label($0)) },
                               throwBlocks: { throwBlocks },
                               callHelper: { h in
            loadConstant(ip0, Int64(bitPattern: h.cellAddress), .x, comment: "code for \(h.displayName)")
            emit(.ldr, .x, .reg(ip0), .mem(.offset(ip0, 0)))
            emit(.blr, .x, .reg(ip0))
        })
    }

    /// Pairs of callee-saved registers (the last of each class may be alone) with their offsets from
    /// sp: the general registers (`x19`...), then the floating-point ones (`d8`..., their low 64 bits,
    /// which is all AAPCS64 asks a callee to keep).
    var calleeSavedSlots: [(Operand, Operand?, Int64)] {
        let ints = c.frame.calleeSavedUsed.filter { !TargetInfo.isFloat($0) }.map { Operand.reg(R($0)) }
        let floats = c.frame.calleeSavedUsed.filter(TargetInfo.isFloat).map { V($0, .double) }
        var slots: [(Operand, Operand?, Int64)] = []
        var at = 0
        for regs in [ints, floats] {
            for i in stride(from: 0, to: regs.count, by: 2) {
                slots.append((regs[i], i + 1 < regs.count ? regs[i + 1] : nil, recordOffset + Int64(16 + 8 * at)))
                at += i + 1 < regs.count ? 2 : 1
            }
        }
        return slots
    }

    mutating func prolog() throws {
        let total = frameSize
        guard total <= 4095 else {
            throw c.error(.unsupported, "frames larger than 4095 bytes are not supported yet on arm64")
        }
        // Small frames without an outgoing argument area: one pre-indexed stp. Otherwise allocate
        // first, then store the frame record above the outgoing area (stp's pre-index reaches 504).
        if recordOffset == 0 && total <= 504 {
            emit(.stp, .x, .reg(.fp), .reg(.lr), .mem(.pre(.sp, -Int64(total))))
        } else {
            emit(.sub, .x, .reg(.sp), .reg(.sp), .imm(Int64(total)))
            pair(.stp, .reg(.fp), .reg(.lr), at: recordOffset)
        }
        for (a, b, off) in calleeSavedSlots {
            if let b { pair(.stp, a, b, at: off) }
            else { emit(.str, .x, a, .mem(.offset(.sp, off))) }
        }
        if recordOffset == 0 {
            emit(.mov, .x, .reg(.fp), .reg(.sp))
        } else {
            emit(.add, .x, .reg(.fp), .reg(.sp), .imm(recordOffset))
        }
        var moves: [(dst: Reg, src: Reg, s: OperandSize)] = []
        var floatMoves: [ParallelMove.Move<RegNum, VarType>] = []
        for v in c.locals where !v.argRegs.isEmpty {
            if v.type.isFloating {
                if let r = v.reg {
                    floatMoves.append(ParallelMove.Move(dst: r, src: v.argRegs[0], width: v.type))
                } else if v.stackOffset != nil {
                    emit(.str, fpSize(v.type), V(v.argRegs[0], v.type), .mem(home(v.num)))
                }
                continue
            }
            let src = R(v.argRegs[0])
            if let r = v.reg {
                moves.append((R(r), src, size(v.type)))
            } else if v.stackOffset != nil && v.type == .struct {
                let (_, off) = FrameBuilder.home(v, c)
                for (k, ar) in v.argRegs.enumerated() {
                    emit(.str, .x, .reg(R(ar)), .mem(.offset(.fp, Int64(off + 8 * k))))
                }
            } else if v.stackOffset != nil {
                emit(storeMnemonic(v.type), v.type.size == 8 ? .x : .w, .reg(src), .mem(home(v.num)))
            }
        }
        parallelMove(moves)
        for m in ParallelMove.sequence(floatMoves, scratch: c.target.floatScratch, scratchWidth: .double) {
            fmov(V(m.dst, .double), V(m.src, .double))
        }
        // Stack-passed parameters of an async method into their own homes (ip0 is free here).
        for v in c.locals where v.copiedFromIncomingSlot {
            guard let k = v.incomingStackSlot else { continue }
            let (_, io) = FrameBuilder.incomingHome(slot: k, c)
            let (_, ho) = FrameBuilder.home(v, c)
            let size = FrameBuilder.incomingCopySize(v)
            var at = 0
            while at < size {
                let s: OperandSize = size - at >= 8 ? .x : .w
                emit(.ldr, s, .reg(ip0), .mem(.offset(.fp, Int64(io + at))))
                emit(.str, s, .reg(ip0), .mem(.offset(.fp, Int64(ho + at))))
                at += s == .x ? 8 : 4
            }
        }
        for v in c.locals where v.addressExposed && v.stackOffset != nil && c.method.initLocals {
            guard case .local = v.kind else { continue }
            let (_, off) = FrameBuilder.home(v, c)
            let size = v.type == .struct ? (v.structSize + 7) / 8 * 8 : max(4, v.type.size)
            var k = 0
            while k < size {
                let s: OperandSize = size - k >= 8 ? .x : .w
                emit(.str, s, .reg(.zr), .mem(.offset(.fp, Int64(off + k))))
                k += s == .x ? 8 : 4
            }
        }
        for v in c.zeroInitLocals where !c.locals[v].addressExposed {
            let local = c.locals[v]
            if let r = local.reg, local.type.isFloating {
                emit(.fmov, .x, V(r, .double), .reg(.zr))
            } else if let r = local.reg {
                mov(R(r), .zr, .w)
            } else if local.stackOffset != nil {
                emit(storeMnemonic(local.type), local.type.size == 8 ? .x : .w, .reg(.zr), .mem(home(v)))
            }
        }
    }

    /// Moves several registers at once, breaking cycles through ip0.
    func parallelMove(_ moves: [(dst: Reg, src: Reg, s: OperandSize)]) {
        let all = moves.map { ParallelMove.Move(dst: $0.dst, src: $0.src, width: $0.s) }
        for m in ParallelMove.sequence(all, scratch: ip0, scratchWidth: .x) { mov(m.dst, m.src, m.width) }
    }

    /// The epilog; `returning: false` leaves out the `ret` (a fast tail call jumps instead).
    func epilog(weight: Double, returning: Bool = true) {
        out.items.append(.epilogStart(weight: weight))
        // After `localloc` the stack pointer moved by an unknown amount: back to the frame's bottom.
        if c.frame.hasLocalloc {
            if recordOffset == 0 { emit(.mov, .x, .reg(.sp), .reg(.fp)) }
            else { emit(.sub, .x, .reg(.sp), .reg(.fp), .imm(recordOffset)) }
        }
        for (a, b, off) in calleeSavedSlots {
            if let b { pair(.ldp, a, b, at: off) }
            else { emit(.ldr, .x, a, .mem(.offset(.sp, off))) }
        }
        if recordOffset == 0 && frameSize <= 504 {
            emit(.ldp, .x, .reg(.fp), .reg(.lr), .mem(.post(.sp, Int64(frameSize))))
        } else {
            pair(.ldp, .reg(.fp), .reg(.lr), at: recordOffset)
            emit(.add, .x, .reg(.sp), .reg(.sp), .imm(Int64(frameSize)))
        }
        if returning { emit(.ret, .x, .reg(.lr)) }
    }

    /// `stp`/`ldp` of a register pair at `sp + off`. The pair forms reach offsets up to 504; above
    /// that (a large outgoing argument area) the address is formed in x17 (ip1, free in a prolog
    /// and an epilog) first.
    func pair(_ m: Mnemonic, _ a: Operand, _ b: Operand, at off: Int64) {
        if off <= 504 {
            emit(m, .x, a, b, .mem(.offset(.sp, off)))
        } else {
            emit(.add, .x, .reg(.x17), .reg(.sp), .imm(off))
            emit(m, .x, a, b, .mem(.offset(.x17, 0)))
        }
    }
}
