import IL
import Testing
@testable import JIT

/// The `tail.` prefix (ECMA-335 III.2.4) in listings and dumps: a fast tail call ends with the
/// epilog and a jump (`jmp` / `br x16`) for direct, virtual, interface, delegate and `calli` targets
/// (and a `bool` result, whose normalizing cast goes), its
/// stack arguments go to the caller's incoming area; the calls whose stack arguments do not fit go
/// through the runtime's tail-call helpers; the other calls that cannot be fast stay call + ret
/// with the reason in the morph dump; implicit tail calls stay calls; explicit tail calls are
/// not inlined. TailCalls.il (ExecutionTests) runs the deep versions.
@Suite struct TailCallTests {
    static let il = """
    .assembly extern mscorlib {}
    .assembly Tail {}
    .class public sequential ansi sealed Big extends [mscorlib]System.ValueType {
      .field public int64 A
      .field public int64 B
      .field public int64 C
    }
    .class public sequential ansi sealed Pair extends [mscorlib]System.ValueType {
      .field public int64 A
      .field public int64 B
    }
    .class interface public abstract IStep {
      .method public hidebysig newslot abstract virtual instance int32 Run(int32 n) {}
    }
    .class public C extends [mscorlib]System.Object implements IStep {
      .method public hidebysig newslot virtual instance int32 Step(int32 n) {
        ldarg.0 ldarg.1 ldc.i4.1 sub tail. callvirt instance int32 C::Step(int32) ret
      }
      .method public hidebysig newslot virtual final instance int32 Run(int32 n) {
        ldarg.0 ldarg.1 tail. callvirt instance int32 IStep::Run(int32) ret
      }
      .method public specialname rtspecialname instance void .ctor() { ldarg.0 call instance void [mscorlib]System.Object::.ctor() ret }
      .method public hidebysig newslot virtual instance int64 Wide(int64 a, int64 b, int64 c, int64 d, int64 e, int64 f,
                                                                  int64 g, int64 h, int64 i, int64 j) { ldarg.1 ret }
      .method public hidebysig newslot virtual instance int64 Many(int64 a) {
        .maxstack 12
        ldarg.0 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1 ldarg.1
        tail. callvirt instance int64 C::Wide(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64) ret
      }
    }
    .class public sealed F extends [mscorlib]System.MulticastDelegate {
      .method public specialname rtspecialname instance void .ctor(object o, native int m) runtime managed {}
      .method public virtual instance int32 Invoke(int32 n) runtime managed {}
    }
    .class public P {
      .method public static int32 Id(int32 n) { ldarg.0 ret }
      .method public static bool IsZero(int32 n) { ldarg.0 ldc.i4.0 ceq ret }
      .method public static bool Bool(int32 n) { ldarg.0 tail. call bool P::IsZero(int32) ret }
      .method public static int32 Delegate(class F f, int32 n) { ldarg.0 ldarg.1 tail. callvirt instance int32 F::Invoke(int32) ret }
      .method public static int32 Direct(int32 n) { ldarg.0 ldc.i4.1 add tail. call int32 P::Id(int32) ret }
      .method public static int32 Implicit(int32 n) { ldarg.0 ldc.i4.1 add call int32 P::Id(int32) ret }
      .method public static void Void(int32 n) { ldarg.0 tail. call void P::Sink(int32) ret }
      .method public static void Sink(int32 n) { ret }
      .method public static float64 Mixed(int32 n, float64 x) { ldarg.1 ldarg.0 tail. call float64 P::Swap(float64, int32) ret }
      .method public static float64 Swap(float64 x, int32 n) { ldarg.0 ret }
      .method public static int16 Short(int32 n) { ldarg.0 conv.i2 ret }
      .method public static int16 PointerShort(int32 n) { ldarg.0 ldftn int16 P::Short(int32) tail. calli int16(int32) ret }
      .method public static int32 Jump(int32 n) { jmp int32 P::Id(int32) }
      .method public static int32 Pointer(int32 n) { ldarg.0 ldftn int32 P::Id(int32) tail. calli int32(int32) ret }
      .method public static int64 Ten(int64 a, int64 b, int64 c, int64 d, int64 e, int64 f, int64 g, int64 h, int64 i, int64 j) {
        .maxstack 12
        ldarg.1 ldarg.0 ldarg.2 ldarg.3 ldarg.s e ldarg.s f ldarg.s g ldarg.s h ldarg.s j ldarg.s i
        tail. call int64 P::Ten(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64) ret
      }
      .method public static int64 TooMany(int64 a) {
        .maxstack 12
        ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0
        tail. call int64 P::Ten(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64) ret
      }
      .method public static void VoidTen(int64 a, int64 b, int64 c, int64 d, int64 e, int64 f, int64 g, int64 h, int64 i, int64 j) { ret }
      .method public static void VoidMany(int64 a) {
        .maxstack 12
        ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0
        tail. call void P::VoidTen(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64) ret
      }
      .method public static float64 FloatTen(float64 a, float64 b, float64 c, float64 d, float64 e, float64 f, float64 g,
                                             float64 h, float64 i, float64 j) { ldarg.0 ret }
      .method public static float64 FloatMany(float64 a) {
        .maxstack 12
        ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0
        tail. call float64 P::FloatTen(float64, float64, float64, float64, float64, float64, float64, float64, float64, float64) ret
      }
      .method public static int64 PointerMany(int64 a) {
        .maxstack 12
        ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0
        ldftn int64 P::Ten(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64)
        tail. calli int64(int64, int64, int64, int64, int64, int64, int64, int64, int64, int64) ret
      }
      .method public static int64 TakePair(int64 a, int64 b, int64 c, int64 d, int64 e, int64 f, int64 g, int64 h,
                                           int64 i, valuetype Pair p) { ldarg.0 ret }
      .method public static int64 PairMany(int64 a) {
        .maxstack 12
        .locals init (valuetype Pair p)
        ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldarg.0 ldloc.0
        tail. call int64 P::TakePair(int64, int64, int64, int64, int64, int64, int64, int64, int64, valuetype Pair) ret
      }
      .method public static int32 InTry(int32 n) {
        .locals init (int32 r)
        .try {
          ldarg.0 tail. call int32 P::Id(int32) ret
        } catch [mscorlib]System.Exception { pop ldc.i4.0 stloc.0 leave.s done }
      done:
        ldloc.0 ret
      }
      .method public static int32 Sync(int32 n) cil managed synchronized { ldarg.0 tail. call int32 P::Id(int32) ret }
      .method public static int32 Local(int32 n) { ldarga.s 0 tail. call int32 P::Deref(int32&) ret }
      .method public static int32 Deref(int32& p) { ldarg.0 ldind.i4 ret }
      .method public static native int Alloc(int32 n) { ldarg.0 localloc pop ldarg.0 conv.i tail. call native int P::Ptr(native int) ret }
      .method public static native int Ptr(native int p) { ldarg.0 ret }
      .method public static int64 TakeBig(int32 n, valuetype Big b) { ldarga.s b ldfld int64 Big::C ret }
      .method public static int64 Pass(int32 n, valuetype Big b) { ldarg.0 ldarg.1 tail. call int64 P::TakeBig(int32, valuetype Big) ret }
      .method public static valuetype Big MakeBig(int64 a) { .locals init (valuetype Big b) ldloc.0 ret }
      .method public static valuetype Big Struct(int64 a) { ldarg.0 tail. call valuetype Big P::MakeBig(int64) ret }
    }
    """
    static let module = try! ILParser.parse(il, file: "tail.il")

    static func compile(_ type: String, _ method: String, _ arch: Arch, minOpts: Bool = false,
                        dumps: Set<Phase> = [.morph]) throws -> CompiledMethod {
        var config = JitConfig()
        if minOpts { try config.set("JitMinOpts", "1", at: .synthetic("TailCallTests")) }
        let m = try #require(module.type(named: type)?.methods.first { $0.name == method })
        return try ModuleCompiler(module: module).compile(m, arch: arch, config: config, dumps: dumps)
    }

    /// The instruction lines of the listing's last block (after its last label).
    static func lastBlock(_ listing: String) -> [String] {
        let lines = listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let start = lines.lastIndex { $0.hasPrefix("G_M") } ?? 0
        return lines[(start + 1)...].filter { !$0.isEmpty && !$0.hasPrefix(";") }
    }

    struct Shape: Sendable, CustomTestStringConvertible {
        let type: String, method: String, arch: Arch
        /// The jump that ends the listing.
        let jump: String
        var testDescription: String { "\(type)::\(method) \(arch.rawValue)" }
    }

    static let shapes: [Shape] = [
        Shape(type: "P", method: "Direct", arch: .x64, jump: "jmp      [P:Id(int):int]"),
        Shape(type: "P", method: "Void", arch: .x64, jump: "jmp      [P:Sink(int):void]"),
        Shape(type: "P", method: "Mixed", arch: .x64, jump: "jmp      [P:Swap(double,int):double]"),
        Shape(type: "C", method: "Step", arch: .x64, jump: "jmp      [rax+0x20]      ; C:Step(int):int:this"),
        Shape(type: "C", method: "Run", arch: .x64, jump: "jmp      rax      ; IStep:Run(int):int:this"),
        Shape(type: "P", method: "Pointer", arch: .x64, jump: "jmp      rax      ; calli int32 (int32)"),
        Shape(type: "P", method: "Bool", arch: .x64, jump: "jmp      [P:IsZero(int):bool]"),
        Shape(type: "P", method: "Delegate", arch: .x64, jump: "jmp      [jitbook:DelegateInvoke1]"),
        Shape(type: "P", method: "Pass", arch: .x64, jump: "jmp      [P:TakeBig(int,Big):long]"),
        Shape(type: "P", method: "PointerShort", arch: .x64, jump: "jmp      rax      ; calli int16 (int32)"),
        Shape(type: "P", method: "Jump", arch: .x64, jump: "jmp      [P:Id(int):int]"),
        Shape(type: "P", method: "Direct", arch: .arm64, jump: "br      x16"),
        Shape(type: "P", method: "Jump", arch: .arm64, jump: "br      x16"),
        // arm64 passes the 24-byte struct by reference: the caller's own parameter goes on as it is.
        Shape(type: "P", method: "Pass", arch: .arm64, jump: "br      x16"),
        Shape(type: "P", method: "Bool", arch: .arm64, jump: "br      x16"),
        Shape(type: "P", method: "Delegate", arch: .arm64, jump: "br      x16"),
        Shape(type: "P", method: "Void", arch: .arm64, jump: "br      x16"),
        Shape(type: "P", method: "Mixed", arch: .arm64, jump: "br      x16"),
        Shape(type: "C", method: "Step", arch: .arm64, jump: "br      x16      // C:Step(int):int:this"),
        Shape(type: "C", method: "Run", arch: .arm64, jump: "br      x16      // IStep:Run(int):int:this"),
        Shape(type: "P", method: "Pointer", arch: .arm64, jump: "br      x16      // calli int32 (int32)"),
    ]

    @Test(arguments: shapes, [false, true])
    func fastTailCallEndsWithTheEpilogAndAJump(_ s: Shape, minOpts: Bool) throws {
        let m = try Self.compile(s.type, s.method, s.arch, minOpts: minOpts)
        let last = Self.lastBlock(m.listing)
        #expect(last.last == s.jump, "\(m.listing)")
        // The epilog comes right before the jump: the frame pointer is restored, nothing returns.
        let restore = s.arch == .x64 ? "pop      rbp" : "ldp     fp, lr, [sp], #"
        #expect(last.dropLast().last?.hasPrefix(restore) ?? false, "\(m.listing)")
        if s.method == "Direct" { #expect(!m.listing.contains(s.arch == .x64 ? "call" : "blr"), "\(m.listing)") }
        #expect(m.dumps[.morph]?.contains("Fast tail call [") ?? false)
    }

    @Test(arguments: Arch.allCases)
    func stackArgumentsGoToTheIncomingArea(_ arch: Arch) throws {
        let m = try Self.compile("P", "Ten", arch)
        let lines = m.listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // j and i (the last two) swap places: both are stored into the caller's incoming slots.
        let stores = arch == .x64 ? lines.filter { $0.hasPrefix("mov      qword ptr [rbp+") }
            : lines.filter { $0.hasPrefix("str     x") && $0.contains("[fp, #") }
        #expect(stores.count >= 2, "\(m.listing)")
        // Nothing goes to an outgoing argument area at the stack pointer.
        #expect(!m.listing.contains(arch == .x64 ? "ptr [rsp+" : "[sp, #0x"), "\(m.listing)")
        #expect(Self.lastBlock(m.listing).last == (arch == .x64 ? "jmp      [P:Ten(long,long,long,long,long,long,long,long,long,long):long]" : "br      x16"))
    }

    @Test(arguments: [
        ("PairMany", "the callee's stack arguments"),
        ("PairMany", "the tail call helper cannot take it: a struct argument does not fit the tail-call helper's buffer"),
        ("InTry", "the call is inside a try region"),
        ("Local", "an argument may point into the caller's frame"),
        ("Alloc", "the caller uses localloc"),
        ("Sync", "the caller is synchronized"),
        ("Struct", "the callee returns a struct"),
    ], Arch.allCases)
    func tailCallsThatCannotBeFastSayWhy(_ example: (method: String, reason: String), _ arch: Arch) throws {
        let (method, reason) = example
        let m = try Self.compile("P", method, arch)
        let morph = try #require(m.dumps[.morph])
        let note = try #require(morph.split(separator: "\n").first { $0.hasPrefix("Rejecting tail call in morph") })
        #expect(note.contains(reason), "\(note)")
        #expect(note.contains("compiled as call + ret"))
        #expect(m.listing.contains(arch == .x64 ? "call     [P:" : "blr     x16"), "\(m.listing)")
        #expect(!m.listing.contains(arch == .x64 ? "jmp      [P:" : "br      x16"), "\(m.listing)")
    }

    /// Explicit tail calls whose stack arguments do not fit go through the runtime's helpers: the
    /// arguments are stored into the buffer at the callee's ABI places (integer registers from
    /// 0x10, float registers from 0x50, stack slots from 0x90), the target at 0, then the finish
    /// helper's result is returned.
    @Test(arguments: [("P", "TooMany"), ("P", "VoidMany"), ("P", "FloatMany"), ("P", "PointerMany"), ("C", "Many")],
          Arch.allCases)
    func tailCallsWhoseStackArgumentsDoNotFitGoViaTheHelpers(_ example: (type: String, method: String), _ arch: Arch) throws {
        let m = try Self.compile(example.type, example.method, arch)
        let morph = try #require(m.dumps[.morph])
        let note = try #require(morph.split(separator: "\n").first { $0.hasPrefix("Tail call via helper [") })
        #expect(note.contains("do not fit in the caller's incoming argument area (0 bytes)"), "\(note)")
        let lines = m.listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let buffer = try #require(lines.firstIndex { $0.contains("jitbook:TailCallBuffer") }, "\(m.listing)")
        let finish = try #require(lines.firstIndex { $0.contains("jitbook:TailCallFinish") }, "\(m.listing)")
        #expect(buffer < finish)
        let stores = lines[buffer..<finish].filter { arch == .x64 ? $0.contains("ptr [rax") : $0.contains("[x0") }
        // Ten arguments (`this` too for the virtual call), and the target.
        #expect(stores.count == (example.method == "Many" ? 12 : 11), "\(m.listing)")
        let firstSlot = example.method == "FloatMany" ? "0x50]" : "0x10]"
        let slot = (arch == .x64 ? "[rax+" : "[x0, #") + firstSlot
        #expect(stores.contains { $0.contains(slot) }, "\(m.listing)")
        #expect(stores.contains { $0.contains(arch == .x64 ? "[rax+0x90]" : "[x0, #0x90]") }, "\(m.listing)")
        #expect(Self.lastBlock(m.listing).last == (arch == .x64 ? "ret" : "ret     lr"))
        #expect(!m.listing.contains(arch == .x64 ? "jmp " : "br      x16"), "\(m.listing)")
    }

    @Test(arguments: Arch.allCases)
    func implicitTailCallsStayCalls(_ arch: Arch) throws {
        let m = try Self.compile("P", "Implicit", arch, dumps: [.morph, .inlining])
        #expect(!(m.dumps[.morph]?.contains("tail call") ?? true))
        #expect(Self.lastBlock(m.listing).last == (arch == .x64 ? "ret" : "ret     lr"))
    }

    @Test func explicitTailCallsAreNotInlined() throws {
        let m = try Self.compile("P", "Direct", .x64, dumps: [.inlining])
        #expect(m.dumps[.inlining]?.contains("Not inline candidate [") ?? false)
        #expect(m.dumps[.inlining]?.contains("P:Id(int):int: explicit tail prefix") ?? false)
        let implicit = try Self.compile("P", "Implicit", .x64, dumps: [.inlining])
        #expect(implicit.dumps[.inlining]?.contains("Successfully inlined P:Id(int):int") ?? false)
    }

    @Test(arguments: Arch.allCases)
    func listingsMatchObjdump(_ arch: Arch) throws {
        let mc = ModuleCompiler(module: Self.module)
        for type in ["P", "C"] {
            for m in Self.module.type(named: type)?.methods ?? [] {
                let compiled = try mc.compile(m, arch: arch)
                let address = mc.runtime.methodHandle(of: m).map { mc.runtime.codeAddress(of: $0) } ?? 0
                let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: arch, address: address)
                #expect(problems.isEmpty, "\(type)::\(m.name): \(problems.joined(separator: "\n"))")
            }
        }
    }
}
