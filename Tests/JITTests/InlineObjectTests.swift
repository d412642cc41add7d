import IL
import Runtime
import Testing
@testable import JIT

/// Inlining on the object model: constructors, devirtualization and guarded devirtualization.
@Suite struct InlineObjectTests {
    static let il = """
        .class nested public auto ansi abstract beforefieldinit Base extends [System.Runtime]System.Object
        {
          .method public hidebysig newslot virtual abstract instance int32 Value() cil managed {}
          .method family hidebysig specialname rtspecialname instance void .ctor() cil managed
          { ldarg.0 call instance void [System.Runtime]System.Object::.ctor() ret }
        }
        .class nested public auto ansi beforefieldinit Derived extends Program/Base
        {
          .method public hidebysig virtual instance int32 Value() cil managed { ldc.i4.s 42 ret }
          .method public hidebysig specialname rtspecialname instance void .ctor() cil managed
          { ldarg.0 call instance void Program/Base::.ctor() ret }
        }
        .class nested public auto ansi sealed beforefieldinit Last extends Program/Base
        {
          .method public hidebysig virtual instance int32 Value() cil managed { ldc.i4.7 ret }
          .method public hidebysig specialname rtspecialname instance void .ctor() cil managed
          { ldarg.0 call instance void Program/Base::.ctor() ret }
        }
        .method public hidebysig static int32 Sum(class Program/Base b, int32 n) cil managed
        {
          .locals init (int32 s, int32 i)
          br.s C
        B: ldloc.0 ldarg.0 callvirt instance int32 Program/Base::Value() add stloc.0
           ldloc.1 ldc.i4.1 add stloc.1
        C: ldloc.1 ldarg.1 blt.s B
           ldloc.0 ret
        }
        .method public hidebysig static int32 Exact() cil managed
        { newobj instance void Program/Derived::.ctor() callvirt instance int32 Program/Base::Value() ret }
        .method public hidebysig static int32 Sealed(class Program/Last l) cil managed
        { ldarg.0 callvirt instance int32 Program/Base::Value() ret }
        """

    static func config(profile: String?, _ knobs: [String: String] = [:]) -> JitConfig {
        var c = InlineHarness.config(knobs)
        if let p = profile {
            c.classProfile = ClassProfileData(entries: [.init(ilOffset: nil, className: p, percent: 100)])
        }
        return c
    }

    @Test func constructorsAreInlinedAway() throws {
        let lines = try InlineHarness.decisions(Self.il, "Exact")
        #expect(lines.contains("Successfully inlined Program+Derived:.ctor():void:this (7 IL bytes) (depth 1) [below ALWAYS_INLINE size]"))
        #expect(lines.contains("Successfully inlined System.Object:.ctor():void:this (1 IL bytes) (depth 3) [below ALWAYS_INLINE size]"))
    }

    @Test(arguments: Arch.allCases)
    func exactClassDevirtualizesAndInlines(_ arch: Arch) throws {
        let lines = try InlineHarness.decisions(Self.il, "Exact")
        #expect(lines.contains { $0.hasPrefix("Devirtualized [") && $0.hasSuffix("Program+Base:Value():int:this -> Program+Derived:Value():int:this (exact class)") })
        let listing = try InlineHarness.compile(Self.il, "Exact", arch: arch, dumps: []).listing
        #expect(listing.contains("CORINFO_HELP_NEWSFAST"))
        #expect(listing.contains(arch == .x64 ? "mov      eax, 42" : "mov     w0, #42"))
        #expect(!listing.contains("Value()"))
    }

    @Test func sealedClassDevirtualizesWithANullCheck() throws {
        let lines = try InlineHarness.decisions(Self.il, "Sealed")
        #expect(lines.contains { $0.hasSuffix("-> Program+Last:Value():int:this (sealed class)") })
        let c = try InlineHarness.compiler(Self.il, "Sealed", through: .inlining)
        var hasNullCheck = false
        for b in c.blocks { for s in b.statements { s.root.forEachPostOrder { if $0.oper == .nullCheck { hasNullCheck = true } } } }
        #expect(hasNullCheck)
        #expect(InlineHarness.remainingCalls(c).isEmpty)
    }

    @Test func virtualCallWithoutProfileStaysVirtual() throws {
        let lines = try InlineHarness.decisions(Self.il, "Sum")
        #expect(lines.contains { $0.hasSuffix("Program+Base:Value():int:this: virtual call, no class profile") })
        let listing = try InlineHarness.compile(Self.il, "Sum", dumps: []).listing
        #expect(listing.contains("call     [rax+0x20]      ; Program+Base:Value():int:this"))
        #expect(!listing.contains("Program+Derived"))
    }

    @Test(arguments: Arch.allCases)
    func profileGivesTheGuardedShape(_ arch: Arch) throws {
        let config = Self.config(profile: "Program+Derived")
        let lines = try InlineHarness.decisions(Self.il, "Sum", config: config)
        #expect(lines.contains { $0.hasPrefix("Guarded devirtualization [") && $0.contains("likely class Program+Derived (100%)") })
        #expect(lines.contains { $0.hasPrefix("Successfully inlined Program+Derived:Value():int:this") })
        let listing = try InlineHarness.compile(Self.il, "Sum", arch: arch, config: config, dumps: []).listing
        if arch == .x64 {
            #expect(listing.contains("mov      rax, 0x7FF000102000      ; Program+Derived\n       cmp      qword ptr [rbx], rax\n       jne      "))
            #expect(listing.contains("mov      eax, 42"))
            #expect(listing.contains("call     [rax+0x20]      ; Program+Base:Value():int:this"))
        } else {
            #expect(listing.contains("// Program+Derived"))
            #expect(listing.contains("b.ne    "))
            #expect(listing.contains("mov     w0, #42"))
            #expect(listing.contains("blr     x16      // Program+Base:Value():int:this"))
        }
    }

    @Test func guardedDirectCallIsNotInlinedWithJitNoInline() throws {
        let config = Self.config(profile: "Program+Derived", ["JitNoInline": "1"])
        let listing = try InlineHarness.compile(Self.il, "Sum", config: config, dumps: []).listing
        // JitNoInline turns the whole phase off, GDV included: a plain virtual call.
        #expect(!listing.contains("Program+Derived"))
        let noInlineOnly = Self.config(profile: "Program+Derived", ["JitInlineBudget": "0"])
        let direct = try InlineHarness.compile(Self.il, "Sum", config: noInlineOnly, dumps: []).listing
        #expect(direct.contains("call     [Program+Derived:Value():int:this]"))
        #expect(direct.contains("cmp      qword ptr [rbx], rax"))
    }

    @Test func knobTurnsGuardedDevirtualizationOff() throws {
        let config = Self.config(profile: "Program+Derived", ["JitEnableGuardedDevirtualization": "0"])
        let lines = try InlineHarness.decisions(Self.il, "Sum", config: config)
        #expect(lines.contains { $0.hasSuffix("virtual call (JitEnableGuardedDevirtualization=0)") })
        let listing = try InlineHarness.compile(Self.il, "Sum", config: config, dumps: []).listing
        #expect(!listing.contains("Program+Derived"))
    }

    @Test func unknownProfileClassIsIgnored() throws {
        let config = Self.config(profile: "Program+Nowhere")
        let lines = try InlineHarness.decisions(Self.il, "Sum", config: config)
        #expect(lines.contains { $0.hasSuffix("virtual call, no class profile") })
    }

    @Test(arguments: Arch.allCases)
    func guardedListingMatchesObjdump(_ arch: Arch) throws {
        let m = try InlineHarness.module(Self.il)
        let mc = ModuleCompiler(module: m)
        let method = try #require(m.allMethods.first { $0.name == "Sum" })
        for config in [Self.config(profile: "Program+Derived"), Self.config(profile: "Program+Derived", ["JitInlineBudget": "0"])] {
            let compiled = try mc.compile(method, arch: arch, config: config)
            let address = mc.runtime.codeAddress(of: method)
            let problems = try ObjdumpCrossCheck.mismatches(compiled, arch: arch, address: address)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }
}
