import IL
import Runtime
import Testing
@testable import JIT

/// Listing shapes of the object model, on both targets (the corpus in BackendCorpus.swift).
@Suite struct ObjectListingTests {
    static let module = try! ILParser.parse(BackendCorpus.il, file: "corpus.il")

    static func listing(_ type: String, _ method: String, _ arch: Arch, config: JitConfig = JitConfig()) throws -> String {
        let mc = ModuleCompiler(module: module)
        let m = try #require(module.type(named: type)?.methods.first { $0.name == method })
        return try mc.compile(m, arch: arch, config: config).listing
    }

    @Test func virtualCallLoadsMethodTableChunkAndSlot() throws {
        let x64 = try Self.listing("Objects", "Virtual", .x64)
        #expect(x64.contains("mov      rax, qword ptr [rdi]"))
        #expect(x64.contains("mov      rax, qword ptr [rax+0x40]"))
        #expect(x64.contains("call     [rax+0x20]      ; Base:Get():int:this"))
        let arm = try Self.listing("Objects", "Virtual", .arm64)
        #expect(arm.contains("ldr     x16, [x0]"))
        #expect(arm.contains("ldr     x16, [x16, #0x40]"))
        #expect(arm.contains("ldr     x16, [x16, #0x20]"))
        #expect(arm.contains("blr     x16      // Base:Get():int:this"))
    }

    @Test(arguments: Arch.allCases)
    func arrayAccessHasOneSharedRangeCheckThrowBlock(_ arch: Arch) throws {
        let text = try Self.listing("Objects", "Arrays", arch)
        let throwCalls = text.components(separatedBy: "CORINFO_HELP_RNGCHKFAIL").count - 1
        #expect(throwCalls == 1)
        #expect(text.contains(arch == .x64 ? "jae      " : "b.hs    "))
        #expect(text.contains("bbWeight=0"))
    }

    @Test(arguments: Arch.allCases)
    func allocationAndBoxAreHelperCalls(_ arch: Arch) throws {
        // With the inliner off the constructor stays a call (InlineObjectTests covers it inlined).
        let newobj = try Self.listing("Objects", "NewObj", arch, config: .noInline)
        #expect(newobj.contains(arch == .x64 ? "; Derived" : "// Derived"))
        #expect(newobj.contains("CORINFO_HELP_NEWSFAST"))
        #expect(newobj.contains("Derived:.ctor():void:this"))
        let box = try Self.listing("Objects", "Box", arch)
        #expect(box.contains(arch == .x64 ? "; System.Int32" : "// System.Int32"))
        let unbox = try Self.listing("Objects", "Unbox", arch)
        #expect(unbox.contains("CORINFO_HELP_UNBOX"))
        let iface = try Self.listing("Objects", "Interface", arch)
        #expect(iface.contains("CORINFO_HELP_VIRTUAL_FUNC_PTR"))
    }

    @Test func structReturnedInTwoRegistersIsStoredFromRaxAndRdx() throws {
        var noInline = JitConfig()
        try noInline.set("JitNoInline", "1", at: .synthetic("test"))
        let x64 = try Self.listing("Objects", "CallPair", .x64, config: noInline)
        #expect(x64.contains("call     [Objects:MakePair(int,long):Pair]"))
        #expect(x64.contains("mov      qword ptr [rbp-0x10], rax") && x64.contains("mov      qword ptr [rbp-0x08], rdx"))
        let arm = try Self.listing("Objects", "CallPair", .arm64, config: noInline)
        #expect(arm.contains("code for Objects:MakePair(int,long):Pair"))
        // A 24-byte struct comes back through a hidden buffer: x8 on arm64.
        let triple = try Self.listing("Objects", "CopyTriple", .arm64)
        #expect(triple.contains("x8"))
    }

    /// A callee returning a struct in registers is inlined: its `ret` becomes a copy into the caller's local.
    @Test func structReturningCalleeIsInlined() throws {
        for arch in Arch.allCases {
            let listing = try Self.listing("Objects", "CallPair", arch)
            #expect(!listing.contains("MakePair"))
            #expect(listing.contains("UsePair"))
        }
    }
}
