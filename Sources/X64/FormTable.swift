/// The x64 instruction forms, defined once, as data.
///
/// Each `Form` is one row of the Intel manual's opcode tables narrowed to what the
/// model JIT emits: a mnemonic, an operand pattern, the operand sizes it accepts,
/// the opcode bytes, where each operand goes (ModRM.reg, ModRM.rm, opcode+r,
/// immediate, relative displacement) and a cost class. `Encoder.swift` is the only
/// code that turns rows into bytes; nothing else pushes bytes.
///
/// Choices made here (documented because several encodings exist):
/// - reg,reg ALU ops and `mov r,r` use the "RM" opcodes (03h, 8Bh, ...) with the
///   destination in ModRM.reg, as RyuJIT does (`mov eax, edi` = 8B C7).
/// - No accumulator short forms (05h `add eax, imm32` etc.): every register is
///   encoded the same way, which keeps the table one row per pattern.
/// - imm8 (83h /n) is chosen whenever the immediate fits sign-extended, else imm32.
/// - `mov r32, imm32` uses B8+r (zero-extends into the 64-bit register);
///   `mov r64, imm` uses C7 /0 id (sign-extended imm32) when it fits, else B8+r io
///   (movabs). Picking `mov eax, imm` for zero-extended 64-bit constants is the
///   instruction selector's job.
/// - Shift by one uses D1 /n (`shl eax, 1` = D1 E0), other counts C1 /n ib.
/// - Rows are tried in order; the first that accepts the operands wins.
enum FormTable {
    /// The size of an operand relative to the form.
    enum Spec: Sendable, Equatable {
        /// The form's operand size (one of `Form.sizes`).
        case op
        /// A fixed size, independent of the operand size (movzx sources, setcc, push).
        case fixed(Width)
        /// No size: an address for lea/call/jmp, printed without `ptr`.
        case none
    }

    /// One operand position of a form.
    enum Slot: Sendable, Equatable {
        /// A general-purpose register.
        case r(Spec)
        /// A memory operand.
        case m(Spec)
        /// An immediate, encoded in this many bits (sign-extended to the operand size).
        case imm(Width)
        /// The constant 1 (shift-by-one form); not encoded.
        case one
        /// The cl register (shift count); not encoded.
        case cl
        /// A pc-relative target (label or absolute address): rel8 (`.byte`) or rel32.
        case rel(Width)
        /// An SSE register (xmm0-xmm15).
        case x
    }

    /// Where operands go in the encoding.
    enum Layout: Sendable, Equatable {
        /// Operand `reg` in ModRM.reg, operand `rm` in ModRM.rm (register or memory).
        case modrm(reg: Int, rm: Int)
        /// An opcode extension /digit in ModRM.reg, operand `rm` in ModRM.rm.
        case ext(UInt8, rm: Int)
        /// The register operand added to the last opcode byte (+r).
        case opReg(Int)
        /// No ModRM byte.
        case plain
    }

    /// How REX.W is decided.
    enum RexW: Sendable { case bySize, always }

    /// A class, not a struct: matching hands rows around, and copying a row's arrays was a
    /// visible part of the emitter's profile.
    final class Form: Sendable {
        let mnemonic: Mnemonic
        let slots: [Slot]
        /// Operand sizes accepted for `.op` slots (empty when the form has none).
        let sizes: [Width]
        let opcode: [UInt8]
        let layout: Layout
        let rexW: RexW
        let cost: Cost
        /// The mandatory prefix of an SSE form (F2h scalar double, F3h scalar single, 66h),
        /// emitted before REX.
        let prefix: UInt8?

        init(_ mnemonic: Mnemonic, _ slots: [Slot], _ sizes: [Width], _ opcode: [UInt8], _ layout: Layout,
             _ cost: Cost, rexW: RexW = .bySize, prefix: UInt8? = nil) {
            self.prefix = prefix
            self.mnemonic = mnemonic
            self.slots = slots
            self.sizes = sizes
            self.opcode = opcode
            self.layout = layout
            self.rexW = rexW
            self.cost = cost
        }
    }

    // Shorthands that make the rows below read like the manual's columns.
    private static let r = Slot.r(.op), m = Slot.m(.op), addr = Slot.m(.none)
    private static let r8 = Slot.r(.fixed(.byte)), m8 = Slot.m(.fixed(.byte))
    private static let r16 = Slot.r(.fixed(.word)), m16 = Slot.m(.fixed(.word))
    private static let r32 = Slot.r(.fixed(.dword)), m32 = Slot.m(.fixed(.dword))
    private static let r64 = Slot.r(.fixed(.qword))
    private static let ib = Slot.imm(.byte), iw = Slot.imm(.word), id = Slot.imm(.dword), io = Slot.imm(.qword)
    private static let b: [Width] = [.byte], w: [Width] = [.word], dq: [Width] = [.dword, .qword]
    private static let d: [Width] = [.dword], q: [Width] = [.qword], wdq: [Width] = [.word, .dword, .qword]
    private static let RM = Layout.modrm(reg: 0, rm: 1), MR = Layout.modrm(reg: 1, rm: 0)

    /// The classic two-operand ALU group: opcode base (00h, 08h, ...) and /digit for the 80h/81h/83h rows.
    private static let aluGroup: [(Mnemonic, UInt8, UInt8)] = [
        (.add, 0x00, 0), (.or, 0x08, 1), (.and, 0x20, 4), (.sub, 0x28, 5), (.xor, 0x30, 6), (.cmp, 0x38, 7),
    ]

    /// Shift group /digit.
    private static let shiftGroup: [(Mnemonic, UInt8)] = [(.shl, 4), (.shr, 5), (.sar, 7)]

    /// Every form, in match-preference order.
    static let forms: [Form] = {
        var t: [Form] = [
            // mov
            Form(.mov, [r, r], dq, [0x8B], RM, .aluRR),
            Form(.mov, [r, id], d, [0xB8], .opReg(0), .aluRR),
            Form(.mov, [r, id], q, [0xC7], .ext(0, rm: 0), .aluRR),
            Form(.mov, [r, io], q, [0xB8], .opReg(0), .aluRR),
            Form(.mov, [r, m], dq, [0x8B], RM, .load),
            Form(.mov, [m8, r8], [], [0x88], MR, .store),
            Form(.mov, [m, r], wdq, [0x89], MR, .store),
            Form(.mov, [m8, ib], [], [0xC6], .ext(0, rm: 0), .store),
            Form(.mov, [m, iw], w, [0xC7], .ext(0, rm: 0), .store),
            Form(.mov, [m, id], dq, [0xC7], .ext(0, rm: 0), .store),
            // sign and zero extension
            Form(.movsx, [r, r8], dq, [0x0F, 0xBE], RM, .aluRR),
            Form(.movsx, [r, m8], dq, [0x0F, 0xBE], RM, .load),
            Form(.movsx, [r, r16], dq, [0x0F, 0xBF], RM, .aluRR),
            Form(.movsx, [r, m16], dq, [0x0F, 0xBF], RM, .load),
            Form(.movzx, [r, r8], dq, [0x0F, 0xB6], RM, .aluRR),
            Form(.movzx, [r, m8], dq, [0x0F, 0xB6], RM, .load),
            Form(.movzx, [r, r16], dq, [0x0F, 0xB7], RM, .aluRR),
            Form(.movzx, [r, m16], dq, [0x0F, 0xB7], RM, .load),
            Form(.movsxd, [r, r32], q, [0x63], RM, .aluRR),
            Form(.movsxd, [r, m32], q, [0x63], RM, .load),
            // address arithmetic
            Form(.lea, [r, addr], dq, [0x8D], RM, .lea),
        ]
        for (mn, base, digit) in aluGroup {
            let rmw: Cost = mn == .cmp ? .loadOp : .rmw
            t += [
                Form(mn, [r8, r8], [], [base + 2], RM, .aluRR),
                Form(mn, [r, r], dq, [base + 3], RM, .aluRR),
                Form(mn, [r8, ib], [], [0x80], .ext(digit, rm: 0), .aluRR),
                Form(mn, [r, ib], dq, [0x83], .ext(digit, rm: 0), .aluRR),
                Form(mn, [r, id], dq, [0x81], .ext(digit, rm: 0), .aluRR),
                Form(mn, [r8, m8], [], [base + 2], RM, .loadOp),
                Form(mn, [r, m], dq, [base + 3], RM, .loadOp),
                Form(mn, [m8, r8], [], [base + 0], MR, rmw),
                Form(mn, [m, r], dq, [base + 1], MR, rmw),
                Form(mn, [m8, ib], [], [0x80], .ext(digit, rm: 0), rmw),
                Form(mn, [m, ib], dq, [0x83], .ext(digit, rm: 0), rmw),
                Form(mn, [m, id], dq, [0x81], .ext(digit, rm: 0), rmw),
            ]
        }
        t += [
            // test has no sign-extended imm8 form and no reg,mem direction.
            Form(.test, [r8, r8], [], [0x84], MR, .aluRR),
            Form(.test, [r, r], dq, [0x85], MR, .aluRR),
            Form(.test, [r8, ib], [], [0xF6], .ext(0, rm: 0), .aluRR),
            Form(.test, [r, id], dq, [0xF7], .ext(0, rm: 0), .aluRR),
            Form(.test, [m8, r8], [], [0x84], MR, .loadOp),
            Form(.test, [m, r], dq, [0x85], MR, .loadOp),
            Form(.test, [m8, ib], [], [0xF6], .ext(0, rm: 0), .loadOp),
            Form(.test, [m, id], dq, [0xF7], .ext(0, rm: 0), .loadOp),
            // multiply, negate, complement, increment
            Form(.imul, [r, r], dq, [0x0F, 0xAF], RM, .imul),
            Form(.imul, [r, m], dq, [0x0F, 0xAF], RM, .imulMem),
            Form(.imul, [r, r, ib], dq, [0x6B], RM, .imul),
            Form(.imul, [r, r, id], dq, [0x69], RM, .imul),
            Form(.neg, [r], dq, [0xF7], .ext(3, rm: 0), .aluRR),
            Form(.not, [r], dq, [0xF7], .ext(2, rm: 0), .aluRR),
            Form(.inc, [r], dq, [0xFF], .ext(0, rm: 0), .aluRR),
            Form(.dec, [r], dq, [0xFF], .ext(1, rm: 0), .aluRR),
        ]
        for (mn, digit) in shiftGroup {
            t += [
                Form(mn, [r, .one], dq, [0xD1], .ext(digit, rm: 0), .shift),
                Form(mn, [r, ib], dq, [0xC1], .ext(digit, rm: 0), .shift),
                Form(mn, [r, .cl], dq, [0xD3], .ext(digit, rm: 0), .shiftCL),
            ]
        }
        t += [
            // division: cdq/cqo sign-extend eax/rax into edx/rdx first
            Form(.cdq, [], [], [0x99], .plain, .convert),
            Form(.cqo, [], [], [0x99], .plain, .convert, rexW: .always),
            Form(.idiv, [r], dq, [0xF7], .ext(7, rm: 0), .divide),
            Form(.div, [r], dq, [0xF7], .ext(6, rm: 0), .divide),
            // condition-code families: the condition is added to the last opcode byte
            Form(.setcc, [r8], [], [0x0F, 0x90], .ext(0, rm: 0), .setcc),
            Form(.cmovcc, [r, r], dq, [0x0F, 0x40], RM, .setcc),
            Form(.jcc, [.rel(.byte)], [], [0x70], .plain, .branch),
            Form(.jcc, [.rel(.dword)], [], [0x0F, 0x80], .plain, .branch),
            // unconditional control flow
            Form(.jmp, [.rel(.byte)], [], [0xEB], .plain, .branch),
            Form(.jmp, [.rel(.dword)], [], [0xE9], .plain, .branch),
            Form(.jmp, [r64], [], [0xFF], .ext(4, rm: 0), .jumpIndirect),
            Form(.jmp, [addr], [], [0xFF], .ext(4, rm: 0), .callMem),
            Form(.call, [.rel(.dword)], [], [0xE8], .plain, .call),
            Form(.call, [r64], [], [0xFF], .ext(2, rm: 0), .call),
            Form(.call, [addr], [], [0xFF], .ext(2, rm: 0), .callMem),
            Form(.ret, [], [], [0xC3], .plain, .ret),
            // stack and misc
            Form(.push, [r64], [], [0x50], .opReg(0), .push),
            Form(.pop, [r64], [], [0x58], .opReg(0), .pop),
            Form(.int3, [], [], [0xCC], .plain, .trap),
            Form(.nop, [], [], [0x90], .plain, .nop),
        ]
        t += sseForms
        return t
    }()

    /// Scalar SSE/SSE2 rows: the operation's mandatory prefix selects double (F2h) or single (F3h).
    /// Register copies use `movaps` (the whole register, as RyuJIT copies); `movsd`/`movss` load and
    /// store the scalar. `movd`/`movq` carry a raw bit
    /// pattern between a general register and an xmm register (constants, `BitConverter`).
    private static let sseForms: [Form] = {
        let x = Slot.x, m64 = Slot.m(.fixed(.qword))
        var t: [Form] = []
        t += [
            Form(.movsd, [x, x], [], [0x0F, 0x10], RM, .aluRR, prefix: 0xF2),
            Form(.movsd, [x, m64], [], [0x0F, 0x10], RM, .load, prefix: 0xF2),
            Form(.movsd, [m64, x], [], [0x0F, 0x11], MR, .store, prefix: 0xF2),
            Form(.movss, [x, x], [], [0x0F, 0x10], RM, .aluRR, prefix: 0xF3),
            Form(.movss, [x, m32], [], [0x0F, 0x10], RM, .load, prefix: 0xF3),
            Form(.movss, [m32, x], [], [0x0F, 0x11], MR, .store, prefix: 0xF3),
        ]
        let arithmetic: [(Mnemonic, Mnemonic, UInt8, Cost)] = [
            (.addsd, .addss, 0x58, .fpAdd), (.subsd, .subss, 0x5C, .fpAdd), (.mulsd, .mulss, 0x59, .fpMul),
            (.divsd, .divss, 0x5E, .fpDiv), (.sqrtsd, .sqrtss, 0x51, .fpDiv),
            (.minsd, .minss, 0x5D, .fpAdd), (.maxsd, .maxss, 0x5F, .fpAdd),
        ]
        for (sd, ss, op, cost) in arithmetic {
            t += [
                Form(sd, [x, x], [], [0x0F, op], RM, cost, prefix: 0xF2),
                Form(ss, [x, x], [], [0x0F, op], RM, cost, prefix: 0xF3),
            ]
        }
        t += [
            Form(.ucomisd, [x, x], [], [0x0F, 0x2E], RM, .fpAdd, prefix: 0x66),
            Form(.ucomiss, [x, x], [], [0x0F, 0x2E], RM, .fpAdd),
            Form(.movaps, [x, x], [], [0x0F, 0x28], RM, .aluRR),
            Form(.xorps, [x, x], [], [0x0F, 0x57], RM, .aluRR),
            Form(.andps, [x, x], [], [0x0F, 0x54], RM, .aluRR),
            // Conversions: the general register's size picks REX.W (int32 or int64).
            Form(.cvtsi2sd, [x, r], dq, [0x0F, 0x2A], RM, .fpConvert, prefix: 0xF2),
            Form(.cvtsi2ss, [x, r], dq, [0x0F, 0x2A], RM, .fpConvert, prefix: 0xF3),
            Form(.cvttsd2si, [r, x], dq, [0x0F, 0x2C], RM, .fpConvert, prefix: 0xF2),
            Form(.cvttss2si, [r, x], dq, [0x0F, 0x2C], RM, .fpConvert, prefix: 0xF3),
            Form(.cvtss2sd, [x, x], [], [0x0F, 0x5A], RM, .fpConvert, prefix: 0xF3),
            Form(.cvtsd2ss, [x, x], [], [0x0F, 0x5A], RM, .fpConvert, prefix: 0xF2),
            // Raw bits between general and xmm registers.
            Form(.movd, [x, r32], [], [0x0F, 0x6E], RM, .fpConvert, prefix: 0x66),
            Form(.movd, [r32, x], [], [0x0F, 0x7E], MR, .fpConvert, prefix: 0x66),
            Form(.movq, [x, r64], [], [0x0F, 0x6E], RM, .fpConvert, rexW: .always, prefix: 0x66),
            Form(.movq, [r64, x], [], [0x0F, 0x7E], MR, .fpConvert, rexW: .always, prefix: 0x66),
        ]
        return t
    }()

    /// Row indices grouped by mnemonic, in table order within each group: the rows of the mnemonic
    /// with ordinal `o` are `rowsByMnemonic[firstRow[o]..<firstRow[o + 1]]` (flat arrays of plain
    /// values: matching looks rows up without retaining a per-mnemonic array).
    static let (rowsByMnemonic, firstRow): ([Int], [Int]) = {
        var groups = [[Int]](repeating: [], count: Mnemonic.allCases.count)
        for (i, f) in forms.enumerated() { groups[f.mnemonic.ordinal].append(i) }
        var first = [0]
        for g in groups { first.append(first[first.count - 1] + g.count) }
        return (groups.flatMap { $0 }, first)
    }()

    /// The operand pattern of every row, indexed like `forms`.
    static let patterns: [Pattern] = forms.map { Pattern($0.slots, sizes: $0.sizes, cost: $0.cost) }

    /// What the encoder reads of every row, indexed like `forms`.
    static let encodings: [Encoding] = forms.indices.map { Encoding(forms[$0], patterns[$0]) }
}
