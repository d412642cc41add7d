import IL
import Runtime
import Testing
@testable import JIT

/// Unit tests of the back end's pieces: the method hash, listing numbers, lifetimes with holes,
/// register allocation under pressure and across calls, and branch sizing.
@Suite struct BackendUnitTests {
    @Test(arguments: [
        ("Program:Add(int,int):int", 21905),
        ("Program:Answer():int", 3264),
        ("Program:Max(int,int):int", 27780),
    ])
    func methodIDIsTheComplementedDjb2XorHash(_ name: String, _ id: Int) {
        #expect(MethodHash.id(of: name) == id)
    }

    @Test func weightsPrintWithoutNeedlessDecimals() {
        #expect(ListingPrinter.weightText(1) == "1")
        #expect(ListingPrinter.weightText(8) == "8")
        #expect(ListingPrinter.weightText(0.5) == "0.50")
    }

    @Test func intervalRangesMergeAndDetectOverlap() {
        var a = Interval(.local(0))
        a.add(10, 14)
        a.add(17, 20)
        a.add(15, 16)
        #expect(a.ranges == [10...20])
        var b = Interval(.local(1))
        b.add(2, 4)
        b.add(30, 31)
        #expect(!a.overlaps(b))
        b.add(20, 22)
        #expect(a.overlaps(b))
        a.shortenFirst(to: 12)
        #expect(a.ranges == [12...20])
    }

    static func compile(_ body: String, locals: String = "", arch: Arch, config: JitConfig = JitConfig()) throws -> Compiler {
        let il = """
        .assembly T {}
        .class public P extends [System.Runtime]System.Object {
          .method public static int32 G(int32 x) cil managed noinlining { ldarg.0 ret }
          .method public static int32 F(int32 a, int32 b) cil managed {
            \(locals)
            \(body)
          }
        }
        """
        let module = try ILParser.parse(il, file: "t.il")
        let method = try #require(module.allMethods.first { $0.name == "F" })
        let runtime = ModuleRuntime(module: module)
        let c = Compiler(method: method, module: module, runtime: runtime, arch: arch, config: config)
        for phase in Phase.allCases where phase <= .lsra { try PhaseRunner.run(phase, c) }
        return c
    }

    @Test(arguments: Arch.allCases)
    func valuesLiveAcrossACallGetCalleeSavedRegisters(_ arch: Arch) throws {
        // `a` is read after the call, so it must survive it.
        let c = try Self.compile("ldarg.1 call int32 P::G(int32) ldarg.0 add ret", arch: arch)
        let a = try #require(c.locals[0].reg)
        #expect(c.target.calleeSaved.contains(a))
        #expect(c.frame.calleeSavedUsed.contains(a))
    }

    @Test(arguments: Arch.allCases)
    func aDeadLocalLeavesItsRegisterToTheNextOne(_ arch: Arch) throws {
        // `a` dies before `b` is born: lifetimes with holes let them share a register.
        let c = try Self.compile("""
            ldarg.0 ldc.i4.2 mul stloc.0 ldloc.0 ldc.i4.3 add stloc.1 ldloc.1 ldarg.1 add ret
            """, locals: ".locals init (int32 p, int32 q)",
            arch: arch, config: try JitConfig(parsing: "JitDoCopyProp=0;JitDoConstProp=0", at: .synthetic("t")))
        #expect(c.locals[2].reg != nil)
        #expect(c.locals[2].reg == c.locals[3].reg)
    }

    @Test(arguments: Arch.allCases)
    func pressureSpillsToTheStackAndStillAllocates(_ arch: Arch) throws {
        // 30 values live across a call: more than the callee-saved registers of either target.
        var body = ""
        for i in 0..<30 { body += "ldarg.0 ldc.i4 \(i + 1) add stloc \(i)\n" }
        body += "ldarg.1 call int32 P::G(int32) pop\n"
        body += "ldloc 0\n"
        for i in 1..<30 { body += "ldloc \(i) add\n" }
        body += "ret"
        let locals = ".locals init (" + (0..<30).map { "int32 v\($0)" }.joined(separator: ", ") + ")"
        let c = try Self.compile(body, locals: locals, arch: arch)
        let onStack = c.locals.filter { $0.stackOffset != nil }
        let inRegs = c.locals.filter { $0.reg != nil && !$0.isParam }
        #expect(!onStack.isEmpty)
        #expect(inRegs.allSatisfy { c.target.calleeSaved.contains($0.reg!) })
        #expect(c.frame.localsSize >= onStack.count * 4)
    }

    @Test func farBranchesAreWidenedOnX64() throws {
        // A loop whose body is far longer than a rel8 displacement can span.
        var body = "ldc.i4.0 stloc.0 br TEST\nLOOP:\n"
        for _ in 0..<40 { body += "ldloc.0 ldarg.0 mul ldarg.1 xor stloc.0\n" }
        body += "TEST: ldloc.0 ldarg.1 blt LOOP\nldloc.0 ret"
        let module = try ILParser.parse("""
            .assembly T {}
            .class public P extends [System.Runtime]System.Object {
              .method public static int32 F(int32 a, int32 b) cil managed { .locals init (int32 s) \(body) }
            }
            """, file: "t.il")
        let compiled = try ModuleCompiler(module: module).compile(module.allMethods[0], arch: .x64)
        #expect(compiled.listing.contains("jmp      G_M"))
        #expect(compiled.listing.contains("jl       G_M"))
        #expect(!compiled.listing.contains("jl       SHORT"))
    }
}

@Suite struct ParallelMoveTests {
    typealias M = ParallelMove.Move<Int, Int>

    /// Applies moves in order to a register file and returns it.
    static func run(_ moves: [M], _ regs: [Int]) -> [Int] {
        var r = regs
        for m in moves { r[m.dst] = r[m.src] }
        return r
    }

    @Test func chainsAreOrderedSoNoSourceIsOverwritten() {
        // r1 <- r0, r2 <- r1: r2 must be written first.
        let moves = [M(dst: 1, src: 0, width: 0), M(dst: 2, src: 1, width: 0)]
        let out = Self.run(ParallelMove.sequence(moves, scratch: 9, scratchWidth: 0), Array(0..<10))
        #expect(out[1] == 0 && out[2] == 1)
    }

    @Test func cyclesGoThroughTheScratchRegister() {
        // r0 <-> r1 and a three-cycle r2 <- r3 <- r4 <- r2.
        let moves = [M(dst: 0, src: 1, width: 0), M(dst: 1, src: 0, width: 0),
                     M(dst: 2, src: 3, width: 0), M(dst: 3, src: 4, width: 0), M(dst: 4, src: 2, width: 0)]
        let seq = ParallelMove.sequence(moves, scratch: 9, scratchWidth: 0)
        let out = Self.run(seq, Array(0..<10))
        #expect(Array(out[0...4]) == [1, 0, 3, 4, 2])
        #expect(seq.contains { $0.dst == 9 })
    }

    @Test func movesToThemselvesVanish() {
        #expect(ParallelMove.sequence([M(dst: 3, src: 3, width: 0)], scratch: 9, scratchWidth: 0).isEmpty)
    }
}
