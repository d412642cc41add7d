/// The cost classes of the ARM64 cost model, in the spirit of RyuJIT's PerfScore.
///
/// RyuJIT estimates each instruction's throughput (cycles the issue slot is busy) and
/// latency (cycles until the result is usable) from a per-form table; jitbook does the
/// same with a handful of classes so the `PerfScore` in listings is explainable:
///
/// | class       | throughput | latency | examples                                  |
/// |-------------|-----------:|--------:|-------------------------------------------|
/// | alu         | 0.25       | 1       | add/sub/and/orr reg or imm, mov, csel     |
/// | aluShifted  | 0.5        | 2       | add x0, x1, x2, LSL #3; extended register |
/// | multiply    | 1          | 3       | mul, madd, msub, smull                    |
/// | divide      | 8          | 12      | sdiv, udiv                                |
/// | load        | 0.5        | 3       | ldr, ldrb, ldur, pre/post-indexed loads   |
/// | loadPair    | 1          | 3       | ldp                                       |
/// | store       | 1          | 2       | str, stur, strb                           |
/// | storePair   | 1          | 2       | stp                                       |
/// | branch      | 1          | 1       | b, b.cond, cbz, br, ret                   |
/// | call        | 1          | 2       | bl, blr                                   |
/// | address     | 0.5        | 1       | adr                                       |
/// | trap        | 1          | 1       | brk                                       |
/// | fpu         | 0.5        | 3       | fadd, fsub, fmul, fneg, fcmp, fmov, fcvt  |
/// | fpDivide    | 4          | 12      | fdiv, fsqrt                               |
public enum CostClass: Sendable, CaseIterable, Hashable {
    case alu, aluShifted, multiply, divide, load, loadPair, store, storePair, branch, call, address, trap
    case fpu, fpDivide

    /// Cycles the issue slot is busy.
    public var throughput: Double {
        switch self {
        case .alu: return 0.25
        case .aluShifted: return 0.5
        case .multiply: return 1
        case .divide: return 8
        case .load: return 0.5
        case .loadPair, .store, .storePair, .branch, .call, .trap: return 1
        case .address, .fpu: return 0.5
        case .fpDivide: return 4
        }
    }

    /// Cycles until the result is available.
    public var latency: Double {
        switch self {
        case .alu, .branch, .address, .trap: return 1
        case .aluShifted, .store, .storePair, .call: return 2
        case .multiply, .load, .loadPair: return 3
        case .divide, .fpDivide: return 12
        case .fpu: return 3
        }
    }
}
