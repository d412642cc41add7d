import IL
import Runtime
import Testing
@testable import JIT

/// Floating point in the back end: the second argument-register class of the ABI, the floating
/// register class of LSRA (caller-saved xmm on System V, callee-saved d8-d15 on AAPCS64), and the
/// instruction shapes of compares and conversions on both targets.
@Suite struct FloatingPointTests {
    typealias G = ABI.ArgGroup

    static func listing(_ returns: String, _ params: String, _ body: String, _ arch: Arch,
                        extra: String = "") throws -> String {
        let module = try ILParser.parse("""
            .assembly T {}
            .class public P extends [System.Runtime]System.Object {
              .method public static \(returns) F(\(params)) cil managed { \(body) }
              .method public static float64 Id(float64 v) cil managed noinlining { ldarg.0 ret }
              \(extra)
            }
            """, file: "t.il")
        return try ModuleCompiler(module: module).compile(module.allMethods[0], arch: arch).listing
    }

    /// The instruction lines of a listing (mnemonic first), without labels and comments.
    static func instructions(_ listing: String) -> [String] {
        listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix(";") && !$0.hasPrefix("G_M") }
    }

    // MARK: ABI

    @Test func floatingPointArgumentsTakeTheirOwnRegistersInOrder() {
        // int, double, int, double: rdi, xmm0, rsi, xmm1 (an int does not use up an xmm register).
        let t = TargetInfo.x64
        let places = ABI.place([G(count: 1), G(count: 1, floating: true), G(count: 1), G(count: 1, floating: true)], t)
        #expect(places == [[.register(7)], [.register(32)], [.register(6)], [.register(33)]])
    }

    @Test(arguments: [Arch.x64, .arm64])
    func aNinthDoubleGoesToTheStackWhileIntegersKeepTheirRegisters(_ arch: Arch) {
        let t = TargetInfo.for(arch)
        let groups = Array(repeating: G(count: 1, floating: true), count: 9) + [G(count: 1)]
        let places = ABI.place(groups, t)
        #expect(places[7] == [.register(TargetInfo.firstFloatReg + 7)])
        #expect(places[8] == [.stack(slot: 0)])
        #expect(places[9] == [.register(t.argRegs[0])])
    }

    @Test func registerClassesOfTheTargets() {
        #expect(TargetInfo.x64.floatArgRegs.count == 8 && TargetInfo.arm64.floatArgRegs.count == 8)
        #expect(TargetInfo.x64.calleeSaved.allSatisfy { !TargetInfo.isFloat($0) }, "System V preserves no xmm register")
        let d8to15 = Set((8...15).map { TargetInfo.firstFloatReg + $0 })
        #expect(TargetInfo.arm64.calleeSaved.filter(TargetInfo.isFloat) == d8to15)
        #expect(TargetInfo.arm64.callerSaved.contains(TargetInfo.firstFloatReg + 16))
        #expect(!TargetInfo.arm64.callerSaved.contains(TargetInfo.firstFloatReg + 8))
        #expect(TargetInfo.x64.allocatable(for: .double) == TargetInfo.x64.floatAllocatable)
        #expect(TargetInfo.x64.name(TargetInfo.firstFloatReg + 3) == "xmm3" && TargetInfo.arm64.name(TargetInfo.firstFloatReg + 9) == "d9")
    }

    // MARK: LSRA

    static let acrossCall = "ldarg.0 ldc.r8 3.0 mul dup call float64 P::Id(float64) add ret"

    @Test func x64SpillsADoubleLiveAcrossACall() throws {
        let ins = Self.instructions(try Self.listing("float64", "float64 a", Self.acrossCall, .x64))
        let call = try #require(ins.firstIndex { $0.hasPrefix("call") })
        #expect(ins[..<call].contains { $0.hasPrefix("movsd") && $0.contains("qword ptr [rbp-") && $0.hasSuffix("xmm0") })
        #expect(ins[call...].contains { $0.hasPrefix("movsd") && $0.contains("qword ptr [rbp-") })
    }

    @Test func arm64KeepsADoubleLiveAcrossACallInACalleeSavedRegister() throws {
        let ins = Self.instructions(try Self.listing("float64", "float64 a", Self.acrossCall, .arm64))
        #expect(ins.contains { $0.hasPrefix("str") && $0.contains("d8,") }, "the prolog saves d8")
        #expect(ins.contains { $0.hasPrefix("ldr") && $0.contains("d8,") }, "the epilog restores d8")
        let call = try #require(ins.firstIndex { $0.hasPrefix("blr") })
        #expect(ins[call...].contains { $0.hasPrefix("fadd") && $0.contains("d8") }, "the value comes back from d8 after the call")
    }

    // MARK: compares and conversions

    struct Shape: CustomTestStringConvertible, Sendable {
        let name: String
        let returns: String
        let body: String
        let x64: [String]
        let arm64: [String]
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "bne.un tests parity on x64", returns: "int32",
              body: "ldarg.0 ldarg.1 bne.un.s L ldc.i4.0 ret L: ldc.i4.1 ret",
              x64: ["ucomisd", "jp", "jne"], arm64: ["fcmp", "b.ne"]),
        Shape(name: "beq jumps over on parity", returns: "int32",
              body: "ldarg.0 ldarg.1 beq.s L ldc.i4.0 ret L: ldc.i4.1 ret",
              x64: ["ucomisd", "jp", "je"], arm64: ["fcmp", "b.eq"]),
        Shape(name: "clt is above with swapped operands", returns: "int32",
              body: "ldarg.0 ldarg.1 clt ret", x64: ["ucomisd", "seta"], arm64: ["fcmp", "cset"]),
        Shape(name: "clt.un is below", returns: "int32",
              body: "ldarg.0 ldarg.1 clt.un ret", x64: ["ucomisd", "setb"], arm64: ["fcmp", "cset"]),
        Shape(name: "conv.i4 saturates", returns: "int32",
              body: "ldarg.0 conv.i4 ret", x64: ["call"], arm64: ["fcvtzs"]),
        Shape(name: "conv.u8 saturates", returns: "int64",
              body: "ldarg.0 conv.u8 ret", x64: ["call"], arm64: ["fcvtzu"]),
        Shape(name: "conv.r8 of an int", returns: "float64",
              body: "ldarg.0 conv.i4 conv.r8 ret", x64: ["xorps", "cvtsi2sd"], arm64: ["scvtf"]),
        Shape(name: "neg flips the sign bit", returns: "float64",
              body: "ldarg.0 neg ret", x64: ["movq", "xorps"], arm64: ["fneg"]),
        Shape(name: "conv.r4 narrows", returns: "float32",
              body: "ldarg.0 conv.r4 ret", x64: ["cvtsd2ss"], arm64: ["fcvt"]),
    ]

    @Test(arguments: shapes)
    func instructionShapes(_ s: Shape) throws {
        for (arch, wanted) in [(Arch.x64, s.x64), (.arm64, s.arm64)] {
            let mnemonics = Self.instructions(try Self.listing(s.returns, "float64 a, float64 b", s.body, arch))
                .map { String($0.prefix { $0 != " " }) }
            var at = 0
            for m in mnemonics where at < wanted.count && m == wanted[at] { at += 1 }
            #expect(at == wanted.count, "\(arch): \(wanted) not in order in \(mnemonics)")
        }
    }

    @Test func x64ConversionsCallTheSaturatingHelpers() throws {
        let l = try Self.listing("int64", "float64 a", "ldarg.0 conv.u8 ret", .x64)
        #expect(l.contains("[CORINFO_HELP_DBL2ULNG]"))
        let i = try Self.listing("int32", "float32 a", "ldarg.0 conv.i2 ret", .x64)
        #expect(i.contains("cvtss2sd") && i.contains("[CORINFO_HELP_DBL2INT]") && i.contains("movsx"))
    }

    @Test func floatRemainderIsAHelperCallOnBothTargets() throws {
        for arch in Arch.allCases {
            let l = try Self.listing("float64", "float64 a, float64 b", "ldarg.0 ldarg.1 rem ret", arch)
            #expect(l.contains("CORINFO_HELP_DBLREM"), "\(arch)")
        }
    }
}
