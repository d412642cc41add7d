import IL
import Testing
@testable import JIT

/// `localloc` on the stack (LCLHEAP): the stack pointer moves down by the rounded size, the block
/// is zeroed in a loop and sits above the outgoing argument area, and every epilog of the method
/// restores the stack pointer from the frame pointer (which x64 then always sets up). StackAlloc.il
/// (ExecutionTests) runs it.
@Suite struct LocalHeapTests {
    static let il = """
    .assembly extern mscorlib {}
    .assembly Heap {}
    .class public P {
      .method public static native int Alloc(int32 n) { ldarg.0 localloc ret }
      .method public static int64 Ten(int64 a, int64 b, int64 c, int64 d, int64 e, int64 f, int64 g, int64 h, int64 i, int64 j) cil managed noinlining { ldarg.0 ret }
      .method public static int64 WithCall() {
        .maxstack 12
        .locals init (int64* p)
        ldc.i4.s 40 localloc stloc.0
        ldloc.0 conv.i8 ldc.i8 1 ldc.i8 2 ldc.i8 3 ldc.i8 4 ldc.i8 5 ldc.i8 6 ldc.i8 7 ldc.i8 8 ldc.i8 9
        call int64 P::Ten(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64)
        ldloc.0 ldind.i8 add ret
      }
    }
    """
    static let module = try! ILParser.parse(il, file: "heap.il")

    static func listing(_ method: String, _ arch: Arch, minOpts: Bool = false) throws -> String {
        var config = JitConfig()
        if minOpts { try config.set("JitMinOpts", "1", at: .synthetic("LocalHeapTests")) }
        let m = try #require(module.type(named: "P")?.methods.first { $0.name == method })
        return try ModuleCompiler(module: module).compile(m, arch: arch, config: config).listing
    }

    static func lines(_ listing: String) -> [String] {
        listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix(";") }
    }

    @Test(arguments: Arch.allCases, [false, true])
    func theStackPointerMovesAndTheEpilogRestoresIt(_ arch: Arch, minOpts: Bool) throws {
        let text = try Self.listing("Alloc", arch, minOpts: minOpts)
        let l = Self.lines(text)
        #expect(!text.contains("LocAlloc"))
        if arch == .x64 {
            #expect(l.contains { $0.hasPrefix("sub      rsp, r") }, "\(text)")
            #expect(l.contains("mov      qword ptr [r11], 0"), "\(text)")
            #expect(l.suffix(3) == ["mov      rsp, rbp", "pop      rbp", "ret"], "\(text)")
        } else {
            #expect(l.contains("mov     sp, x17"), "\(text)")
            #expect(l.contains("stp     xzr, xzr, [x17], #0x10"), "\(text)")
            #expect(l.suffix(3) == ["mov     sp, fp", "ldp     fp, lr, [sp], #\(minOpts ? "0x20" : "0x10")", "ret     lr"], "\(text)")
        }
    }

    /// With an outgoing argument area the block starts above it, and the epilog goes back to the
    /// bottom of the fixed frame.
    @Test(arguments: Arch.allCases)
    func theBlockSitsAboveTheOutgoingArguments(_ arch: Arch) throws {
        let text = try Self.listing("WithCall", arch)
        let l = Self.lines(text)
        if arch == .x64 {
            #expect(l.contains("lea      r11, [rsp+0x20]"), "\(text)")
            #expect(l.contains { $0.hasPrefix("lea      rsp, [rbp-") } || l.contains("mov      rsp, rbp"), "\(text)")
        } else {
            #expect(l.contains("add     x17, sp, #16"), "\(text)")
            #expect(l.contains("sub     sp, fp, #16"), "\(text)")
        }
    }

    @Test(arguments: Arch.allCases)
    func listingsMatchObjdump(_ arch: Arch) throws {
        let mc = ModuleCompiler(module: Self.module)
        for m in Self.module.type(named: "P")?.methods ?? [] {
            let compiled = try mc.compile(m, arch: arch)
            let address = mc.runtime.methodHandle(of: m).map { mc.runtime.codeAddress(of: $0) } ?? 0
            let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: arch, address: address)
            #expect(problems.isEmpty, "P::\(m.name): \(problems.joined(separator: "\n"))")
        }
    }
}

extension LocalHeapTests {
    /// Inside a `.try` the block comes from the arena: a throw resumes at the pad with the stack
    /// pointer of the `.try`'s entry, which would leave a stack block below the stack pointer.
    @Test(arguments: Arch.allCases)
    func insideATryTheBlockComesFromTheArena(_ arch: Arch) throws {
        let il = """
        .assembly extern mscorlib {}
        .class public Q {
          .method public static native int InTry(int32 n) {
            .locals init (native int p)
            .try { ldarg.0 localloc stloc.0 leave.s done } catch [mscorlib]System.Exception { pop leave.s done }
          done:
            ldloc.0 ret
          }
        }
        """
        let module = try ILParser.parse(il, file: "try.il")
        let m = try #require(module.type(named: "Q")?.methods.first)
        let text = try ModuleCompiler(module: module).compile(m, arch: arch).listing
        #expect(text.contains("jitbook:LocAlloc"), "\(text)")
    }
}
