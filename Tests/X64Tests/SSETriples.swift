import X64

/// The scalar SSE/SSE2 triples (floating point): every row of `FormTable.sseForms`, with
/// xmm8-xmm15 (REX.R/REX.B), both general-register sizes of the conversions (REX.W), and
/// memory operands needing a SIB (rsp/r12) or a displacement (rbp/r13).
///
/// Provenance of the expected bytes: assembled from the expected listing text with GNU as
/// (binutils, Intel syntax) and read back with objdump.
let sseTriples: [Triple] = [
    T(Instruction(.movsd, .xmm(.xmm0), .xmm(.xmm1)), "f2 0f 10 c1", "movsd    xmm0, xmm1"),
    T(Instruction(.movsd, .xmm(.xmm9), .xmm(.xmm2)), "f2 44 0f 10 ca", "movsd    xmm9, xmm2"),
    T(Instruction(.movsd, .xmm(.xmm3), .ptr(.qword, .rbp, -8)), "f2 0f 10 5d f8", "movsd    xmm3, qword ptr [rbp-0x08]"),
    T(Instruction(.movsd, .xmm(.xmm12), .ptr(.qword, .r12, 16)), "f2 45 0f 10 64 24 10", "movsd    xmm12, qword ptr [r12+0x10]"),
    T(Instruction(.movsd, .ptr(.qword, .rax, index: .rcx, scale: 8, 16), .xmm(.xmm1)), "f2 0f 11 4c c8 10", "movsd    qword ptr [rax+8*rcx+0x10], xmm1"),
    T(Instruction(.movsd, .ptr(.qword, .rsp), .xmm(.xmm15)), "f2 44 0f 11 3c 24", "movsd    qword ptr [rsp], xmm15"),
    T(Instruction(.movss, .xmm(.xmm0), .xmm(.xmm1)), "f3 0f 10 c1", "movss    xmm0, xmm1"),
    T(Instruction(.movss, .xmm(.xmm2), .ptr(.dword, .rbp, -4)), "f3 0f 10 55 fc", "movss    xmm2, dword ptr [rbp-0x04]"),
    T(Instruction(.movss, .ptr(.dword, .r13, 8), .xmm(.xmm10)), "f3 45 0f 11 55 08", "movss    dword ptr [r13+0x08], xmm10"),
    T(Instruction(.addsd, .xmm(.xmm0), .xmm(.xmm1)), "f2 0f 58 c1", "addsd    xmm0, xmm1"),
    T(Instruction(.addss, .xmm(.xmm8), .xmm(.xmm1)), "f3 44 0f 58 c1", "addss    xmm8, xmm1"),
    T(Instruction(.subsd, .xmm(.xmm2), .xmm(.xmm11)), "f2 41 0f 5c d3", "subsd    xmm2, xmm11"),
    T(Instruction(.subss, .xmm(.xmm3), .xmm(.xmm4)), "f3 0f 5c dc", "subss    xmm3, xmm4"),
    T(Instruction(.mulsd, .xmm(.xmm5), .xmm(.xmm6)), "f2 0f 59 ee", "mulsd    xmm5, xmm6"),
    T(Instruction(.mulss, .xmm(.xmm7), .xmm(.xmm0)), "f3 0f 59 f8", "mulss    xmm7, xmm0"),
    T(Instruction(.divsd, .xmm(.xmm14), .xmm(.xmm15)), "f2 45 0f 5e f7", "divsd    xmm14, xmm15"),
    T(Instruction(.divss, .xmm(.xmm1), .xmm(.xmm2)), "f3 0f 5e ca", "divss    xmm1, xmm2"),
    T(Instruction(.sqrtsd, .xmm(.xmm0), .xmm(.xmm0)), "f2 0f 51 c0", "sqrtsd   xmm0, xmm0"),
    T(Instruction(.sqrtss, .xmm(.xmm1), .xmm(.xmm9)), "f3 41 0f 51 c9", "sqrtss   xmm1, xmm9"),
    T(Instruction(.minsd, .xmm(.xmm0), .xmm(.xmm1)), "f2 0f 5d c1", "minsd    xmm0, xmm1"),
    T(Instruction(.minss, .xmm(.xmm2), .xmm(.xmm3)), "f3 0f 5d d3", "minss    xmm2, xmm3"),
    T(Instruction(.maxsd, .xmm(.xmm4), .xmm(.xmm5)), "f2 0f 5f e5", "maxsd    xmm4, xmm5"),
    T(Instruction(.maxss, .xmm(.xmm6), .xmm(.xmm7)), "f3 0f 5f f7", "maxss    xmm6, xmm7"),
    T(Instruction(.ucomisd, .xmm(.xmm0), .xmm(.xmm1)), "66 0f 2e c1", "ucomisd  xmm0, xmm1"),
    T(Instruction(.ucomisd, .xmm(.xmm8), .xmm(.xmm8)), "66 45 0f 2e c0", "ucomisd  xmm8, xmm8"),
    T(Instruction(.ucomiss, .xmm(.xmm2), .xmm(.xmm13)), "41 0f 2e d5", "ucomiss  xmm2, xmm13"),
    T(Instruction(.movaps, .xmm(.xmm0), .xmm(.xmm1)), "0f 28 c1", "movaps   xmm0, xmm1"),
    T(Instruction(.movaps, .xmm(.xmm9), .xmm(.xmm15)), "45 0f 28 cf", "movaps   xmm9, xmm15"),
    T(Instruction(.xorps, .xmm(.xmm0), .xmm(.xmm0)), "0f 57 c0", "xorps    xmm0, xmm0"),
    T(Instruction(.xorps, .xmm(.xmm9), .xmm(.xmm15)), "45 0f 57 cf", "xorps    xmm9, xmm15"),
    T(Instruction(.andps, .xmm(.xmm1), .xmm(.xmm15)), "41 0f 54 cf", "andps    xmm1, xmm15"),
    T(Instruction(.cvtsi2sd, .xmm(.xmm0), .d(.rax)), "f2 0f 2a c0", "cvtsi2sd xmm0, eax"),
    T(Instruction(.cvtsi2sd, .xmm(.xmm10), .q(.r9)), "f2 4d 0f 2a d1", "cvtsi2sd xmm10, r9"),
    T(Instruction(.cvtsi2ss, .xmm(.xmm1), .d(.rdi)), "f3 0f 2a cf", "cvtsi2ss xmm1, edi"),
    T(Instruction(.cvtsi2ss, .xmm(.xmm2), .q(.rsi)), "f3 48 0f 2a d6", "cvtsi2ss xmm2, rsi"),
    T(Instruction(.cvttsd2si, .d(.rax), .xmm(.xmm0)), "f2 0f 2c c0", "cvttsd2si eax, xmm0"),
    T(Instruction(.cvttsd2si, .q(.r8), .xmm(.xmm9)), "f2 4d 0f 2c c1", "cvttsd2si r8, xmm9"),
    T(Instruction(.cvttss2si, .d(.r11), .xmm(.xmm1)), "f3 44 0f 2c d9", "cvttss2si r11d, xmm1"),
    T(Instruction(.cvttss2si, .q(.rcx), .xmm(.xmm2)), "f3 48 0f 2c ca", "cvttss2si rcx, xmm2"),
    T(Instruction(.cvtss2sd, .xmm(.xmm0), .xmm(.xmm1)), "f3 0f 5a c1", "cvtss2sd xmm0, xmm1"),
    T(Instruction(.cvtsd2ss, .xmm(.xmm11), .xmm(.xmm3)), "f2 44 0f 5a db", "cvtsd2ss xmm11, xmm3"),
    T(Instruction(.movd, .xmm(.xmm0), .d(.rax)), "66 0f 6e c0", "movd     xmm0, eax"),
    T(Instruction(.movd, .d(.r10), .xmm(.xmm12)), "66 45 0f 7e e2", "movd     r10d, xmm12"),
    T(Instruction(.movq, .xmm(.xmm15), .q(.r11)), "66 4d 0f 6e fb", "movq     xmm15, r11"),
    T(Instruction(.movq, .q(.rax), .xmm(.xmm0)), "66 48 0f 7e c0", "movq     rax, xmm0"),
]

/// Every x64 triple: the integer forms, then the SSE forms.
let encodingTriples: [Triple] = integerTriples + sseTriples
