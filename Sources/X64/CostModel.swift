/// The cost classes of the form table: a small PerfScore-style model.
///
/// RyuJIT attaches an estimated throughput (cycles per instruction when issued
/// back-to-back) and latency (cycles until the result is usable) to every
/// instruction and sums them into the listing's `PerfScore`. This model keeps the
/// same spirit with a handful of classes, chosen once per row of the form table:
///
/// | class        | throughput | latency | used for                                   |
/// |--------------|-----------:|--------:|--------------------------------------------|
/// | aluRR        | 0.25       | 1       | reg,reg and reg,imm ALU ops, mov r,r/imm   |
/// | lea          | 0.5        | 1       | lea                                        |
/// | shift        | 0.5        | 1       | shifts by an immediate or by 1             |
/// | shiftCL      | 1          | 2       | shifts by cl                               |
/// | load         | 0.5        | 5       | mov/movsx/movzx r,[m]                      |
/// | loadOp       | 0.5        | 6       | ALU r,[m] (load + op)                      |
/// | store        | 1          | 2       | mov [m],r / mov [m],imm                    |
/// | rmw          | 1          | 8       | ALU [m],r / [m],imm (load + op + store)    |
/// | imul         | 1          | 3       | imul r,r / r,r,imm                         |
/// | imulMem      | 1          | 8       | imul r,[m]                                 |
/// | divide       | 6          | 26      | div/idiv (one class for 32 and 64 bits)    |
/// | convert      | 1          | 1       | cdq, cqo                                   |
/// | setcc        | 0.5        | 1       | setcc, cmovcc                              |
/// | branch       | 1          | 1       | jcc, jmp rel                               |
/// | jumpIndirect | 2          | 2       | jmp r                                      |
/// | call         | 1          | 2       | call rel32, call r                         |
/// | callMem      | 1          | 7       | call [m] (load the target, then call)      |
/// | ret          | 1          | 2       | ret                                        |
/// | push         | 1          | 2       | push                                       |
/// | pop          | 0.5        | 2       | pop                                        |
/// | nop          | 0.25       | 0       | nop                                        |
/// | trap         | 1          | 1       | int3                                       |
/// | fpAdd        | 0.5        | 4       | addsd/subsd/minsd/maxsd, ucomisd           |
/// | fpMul        | 0.5        | 4       | mulsd/mulss                                |
/// | fpDiv        | 4          | 14      | divsd/divss, sqrtsd/sqrtss                 |
/// | fpConvert    | 1          | 4       | cvt*, movd/movq between register files     |
///
/// The numbers are deliberately round: they make the PerfScore line of a listing
/// reproducible and explainable, not a cycle-accurate prediction.
enum Cost: Sendable {
    case aluRR, lea, shift, shiftCL, load, loadOp, store, rmw, imul, imulMem, divide, convert
    case setcc, branch, jumpIndirect, call, callMem, ret, push, pop, nop, trap
    case fpAdd, fpMul, fpDiv, fpConvert

    var throughput: Double {
        switch self {
        case .aluRR, .nop: return 0.25
        case .lea, .shift, .load, .loadOp, .setcc, .pop, .fpAdd, .fpMul: return 0.5
        case .fpDiv: return 4
        case .shiftCL, .store, .rmw, .imul, .imulMem, .convert, .branch, .call, .callMem, .ret, .push, .trap, .fpConvert:
            return 1
        case .jumpIndirect: return 2
        case .divide: return 6
        }
    }

    var latency: Double {
        switch self {
        case .nop: return 0
        case .aluRR, .lea, .shift, .convert, .setcc, .branch, .trap: return 1
        case .shiftCL, .store, .jumpIndirect, .call, .ret, .push, .pop: return 2
        case .imul: return 3
        case .fpAdd, .fpMul, .fpConvert: return 4
        case .fpDiv: return 14
        case .load: return 5
        case .loadOp: return 6
        case .callMem: return 7
        case .rmw, .imulMem: return 8
        case .divide: return 26
        }
    }
}
