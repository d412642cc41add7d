import IL
import Runtime
import Testing
@testable import JIT

/// Issue 14's second part in listings: the prefixes (`volatile.` barriers on arm64, nothing more on
/// x64; `unaligned.`, `no.`, `readonly.` accepted), the block opcodes as helper calls, typed
/// references, `calli`, and generic virtual calls through the runtime lookup.
@Suite struct EcmaOpcodeTests {
    static let il = """
    .assembly extern mscorlib {}
    .assembly Ecma {}
    .class public abstract Base {
      .method public hidebysig newslot virtual instance int32 Pick<T>(!!0 x) { ldc.i4.1 ret }
      .method family specialname rtspecialname instance void .ctor() { ldarg.0 call instance void [mscorlib]System.Object::.ctor() ret }
    }
    .class public P {
      .field public static int32 S
      .method public static int32 VolatileLoad() { volatile. ldsfld int32 P::S ret }
      .method public static void VolatileStore(int32 v) { ldarg.0 volatile. stsfld int32 P::S ret }
      .method public static int32 Plain() { ldsfld int32 P::S ret }
      .method public static int32 Unaligned(int32* p) { ldarg.0 unaligned. 1 ldind.i4 ret }
      .method public static int32 NoChecks(int32[] a) { ldarg.0 ldc.i4.0 no. 6 ldelem.i4 ret }
      .method public static int32& ReadOnly(int32[] a) { ldarg.0 ldc.i4.0 readonly. ldelema int32 ret }
      .method public static object& ReadOnlyRef(object[] a) { ldarg.0 ldc.i4.0 readonly. ldelema [mscorlib]System.Object ret }
      .method public static object& CheckedRef(object[] a) { ldarg.0 ldc.i4.0 ldelema [mscorlib]System.Object ret }
      .method public static string& SealedRef(string[] a) { ldarg.0 ldc.i4.0 ldelema [mscorlib]System.String ret }
      .method public static void Copy(native int d, native int s, int32 n) { ldarg.0 ldarg.1 ldarg.2 cpblk ret }
      .method public static void Fill(native int d, int32 n) { ldarg.0 ldc.i4 0x5A ldarg.1 initblk ret }
      .method public static native int Alloc(int32 n) { ldarg.0 localloc ret }
      .method public static int32 RefAny(int32 v) {
        ldarga.s 0 mkrefany int32 refanyval int32 ldind.i4 ret
      }
      .method public static int32 Indirect(native int f) { ldc.i4.7 ldarg.0 calli int32(int32) ret }
      .method public static int32 Generic(class Base b) { ldarg.0 ldc.i4.3 callvirt instance int32 Base::Pick<int32>(!!0) ret }
    }
    """
    static let module = try! ILParser.parse(il, file: "ecma.il")

    static func listing(_ method: String, _ arch: Arch, config: JitConfig = JitConfig()) throws -> String {
        let mc = ModuleCompiler(module: module)
        let m = try #require(module.type(named: "P")?.methods.first { $0.name == method })
        return try mc.compile(m, arch: arch, config: config).listing
    }

    @Test func volatileLoadIsFollowedByALoadBarrierOnArm64() throws {
        let arm = try Self.listing("VolatileLoad", .arm64)
        let lines = arm.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let load = try #require(lines.firstIndex { $0.hasPrefix("ldr     w0") })
        #expect(lines[load + 1] == "dmb ishld")
        #expect(!(try Self.listing("Plain", .arm64)).contains("dmb"))
        #expect(!(try Self.listing("VolatileLoad", .x64)).contains("fence"))
    }

    @Test func volatileStoreIsPrecededByAFullBarrierOnArm64() throws {
        let arm = try Self.listing("VolatileStore", .arm64)
        let lines = arm.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let store = try #require(lines.firstIndex { $0.hasPrefix("str     w") })
        #expect(lines[store - 1] == "dmb ish")
    }

    @Test(arguments: Arch.allCases)
    func otherPrefixesCompileAsThePlainInstruction(_ arch: Arch) throws {
        let unaligned = try Self.listing("Unaligned", arch)
        #expect(unaligned.contains(arch == .x64 ? "mov      eax, dword ptr [rdi]" : "ldr     w0, [x0]"))
        #expect(try Self.listing("NoChecks", arch).contains("CORINFO_HELP_RNGCHKFAIL"))
        #expect(!(try Self.listing("ReadOnly", arch)).contains("dmb"))
    }

    @Test(arguments: Arch.allCases)
    func ldelemaOfAReferenceTypeChecksTheTypeUnlessReadonlyOrSealed(_ arch: Arch) throws {
        #expect(try Self.listing("CheckedRef", arch).contains("CORINFO_HELP_LDELEMA_REF"))
        #expect(!(try Self.listing("ReadOnlyRef", arch)).contains("CORINFO_HELP_LDELEMA_REF"))
        #expect(!(try Self.listing("SealedRef", arch)).contains("CORINFO_HELP_LDELEMA_REF"))
    }

    @Test(arguments: Arch.allCases)
    func blockOpcodesCallTheirHelpers(_ arch: Arch) throws {
        #expect(try Self.listing("Copy", arch).contains("CORINFO_HELP_MEMCPY"))
        #expect(try Self.listing("Fill", arch).contains("CORINFO_HELP_MEMSET"))
        // localloc is no helper call: it moves the stack pointer (LocalHeapTests).
        #expect(!(try Self.listing("Alloc", arch)).contains("jitbook:LocAlloc"))
    }

    @Test(arguments: Arch.allCases)
    func refanyvalChecksTheTypeAndCalliCallsThroughARegister(_ arch: Arch) throws {
        // With the inliner off, refanyval's type check stays a call (inlined, it is a compare).
        #expect(try Self.listing("RefAny", arch, config: .noInline).contains("System.TypedReference:CheckType(long,long):void"))
        let calli = try Self.listing("Indirect", arch)
        #expect(calli.contains(arch == .x64 ? "call     rax" : "blr     x"))
        #expect(calli.contains("calli int32 (int32)"))
    }

    @Test(arguments: Arch.allCases)
    func genericVirtualCallLooksTheImplementationUp(_ arch: Arch) throws {
        let text = try Self.listing("Generic", arch)
        #expect(text.contains("jitbook:GenericVirtualLookup"))
        #expect(text.contains("generic virtual Base:Pick[int](int):int:this"))
        let slot = AddressMap.genericVirtualDescriptor("Base:Pick[int](int):int:this")
        // x64 loads the descriptor's address in one instruction (arm64 builds it with movz/movk).
        if arch == .x64 { #expect(text.contains("0x" + String(slot, radix: 16, uppercase: true))) }
    }
}
