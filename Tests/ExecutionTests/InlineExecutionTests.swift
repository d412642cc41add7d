import Diagnostics
import Execution
import JIT
import Testing

/// Inlining must not change what a program does: the same program prints the same with the
/// inliner on and off, on both targets.
@Suite struct InlineExecutionTests {
    static let program = Programs.program(main: """
        .locals init (int32 i, int32 s)
        ldc.i4.3 call int32 Program::Square(int32) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.s -7 call int32 Program::Abs(int32) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.5 call int32 Program::Abs(int32) ldc.i4.1 add call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.s 10 call int32 Program::SumTo(int32) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.5 call int32 Program::Bump(int32) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4 -300 call int32 Program::Low(int16) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4 70000 call int32 Program::Low(int16) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.s 42 call void Program::Say(int32)
        call int32 Program::Effect() ldc.i4.3 call int32 Program::Two(int32) add
        call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.3 call int32 Program::Fourth(int32) call void [System.Console]System.Console::WriteLine(int32)
        L: ldloc.1 ldloc.0 call int32 Program::CountUp(int32) add stloc.1
        ldloc.0 ldc.i4.1 add dup stloc.0 ldc.i4.3 blt.s L
        ldloc.1 call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.4 call int32 Program::Down(int32) call void [System.Console]System.Console::WriteLine(int32)
        ldc.i4.0
        ret
        """, extra: """
        .method static int32 Square(int32 x) cil managed { ldarg.0 ldarg.0 mul ret }
        .method static int32 Abs(int32 x) cil managed { ldarg.0 ldc.i4.0 bge.s P ldarg.0 neg ret P: ldarg.0 ret }
        .method static int32 SumTo(int32 n) cil managed
        {
            .locals init (int32 s, int32 i)
            br.s C
        B:  ldloc.0 ldloc.1 add stloc.0 ldloc.1 ldc.i4.1 add stloc.1
        C:  ldloc.1 ldarg.0 ble.s B
            ldloc.0 ret
        }
        .method static int32 Bump(int32 x) cil managed { ldarg.0 ldc.i4.1 add starg.s 0 ldarg.0 ret }
        .method static int32 Low(int16 x) cil managed { ldarg.0 ret }
        .method static void Say(int32 x) cil managed { ldarg.0 call void [System.Console]System.Console::WriteLine(int32) ret }
        .method static int32 Effect() cil managed noinlining
        { ldstr "effect" call void [System.Console]System.Console::WriteLine(string) ldc.i4.1 ret }
        .method static int32 Two(int32 x) cil managed
        { ldarg.0 call void [System.Console]System.Console::WriteLine(int32) ldc.i4.2 ret }
        .method static int32 Fourth(int32 x) cil managed
        { ldarg.0 call int32 Program::Square(int32) call int32 Program::Square(int32) ret }
        .method static int32 CountUp(int32 n) cil managed { .locals init (int32 c) ldloc.0 ldarg.0 add stloc.0 ldloc.0 ret }
        .method static int32 Down(int32 n) cil managed aggressiveinlining
        { ldarg.0 brfalse.s Z ldarg.0 ldc.i4.1 sub call int32 Program::Down(int32) ldc.i4.2 add ret Z: ldc.i4.0 ret }
        """)

    static let expected = """
        9
        7
        6
        55
        6
        -300
        4464
        42
        effect
        3
        3
        81
        3
        8

        """

    @Test(arguments: Arch.allCases)
    func sameOutputWithAndWithoutInlining(_ arch: Arch) throws {
        var off = JitConfig()
        try off.set("JitNoInline", "1", at: .synthetic("test"))
        let module = try Programs.module(Self.program)
        let inlined = try Runner.run(module: module, arch: arch)
        let called = try Runner.run(module: module, arch: arch, config: off)
        #expect(inlined.fault == nil && called.fault == nil)
        #expect(inlined.stdout == Self.expected)
        #expect(called.stdout == Self.expected)
        #expect(inlined.exitCode == 0 && called.exitCode == 0)
    }

    @Test func inliningRemovesTheCallsFromMain() throws {
        let module = try Programs.module(Self.program)
        let compiler = ModuleCompiler(module: module)
        let main = try compiler.compile(MethodSelector(typeName: "Program", methodName: "Main"), arch: .x64,
                                        location: .synthetic("test"))
        let calls = main.listing.split(separator: "\n").filter { $0.contains("call ") }
        // Only the console helpers, the noinlining method and the recursive call stay calls.
        #expect(calls.allSatisfy { $0.contains("System.Console:") || $0.contains("Program:Effect") || $0.contains("Program:Down") })
        #expect(calls.contains { $0.contains("Program:Effect") })
    }

    /// A virtual call in a loop, fed objects of the profiled class (fast path) and of another (slow path).
    static let virtualProgram = """
        .assembly test {}
        .class public Program extends [System.Runtime]System.Object {
          .class nested public auto ansi abstract Base extends [System.Runtime]System.Object {
            .method public hidebysig newslot virtual abstract instance int32 Value() cil managed {}
            .method family hidebysig specialname rtspecialname instance void .ctor() cil managed
            { ldarg.0 call instance void [System.Runtime]System.Object::.ctor() ret }
          }
          .class nested public auto ansi Derived extends Program/Base {
            .method public hidebysig virtual instance int32 Value() cil managed { ldc.i4.s 42 ret }
            .method public hidebysig specialname rtspecialname instance void .ctor() cil managed
            { ldarg.0 call instance void Program/Base::.ctor() ret }
          }
          .class nested public auto ansi Other extends Program/Base {
            .method public hidebysig virtual instance int32 Value() cil managed { ldc.i4.7 ret }
            .method public hidebysig specialname rtspecialname instance void .ctor() cil managed
            { ldarg.0 call instance void Program/Base::.ctor() ret }
          }
          .method public hidebysig static int32 Sum(class Program/Base b, int32 n) cil managed noinlining {
            .locals init (int32 s, int32 i)
            br.s C
          B: ldloc.0 ldarg.0 callvirt instance int32 Program/Base::Value() add stloc.0
             ldloc.1 ldc.i4.1 add stloc.1
          C: ldloc.1 ldarg.1 blt.s B
             ldloc.0 ret
          }
          .method public static int32 Main() {
            .entrypoint
            newobj instance void Program/Derived::.ctor() ldc.i4 10000 call int32 Program::Sum(class Program/Base, int32)
            call void [System.Console]System.Console::WriteLine(int32)
            newobj instance void Program/Other::.ctor() ldc.i4.s 10 call int32 Program::Sum(class Program/Base, int32)
            call void [System.Console]System.Console::WriteLine(int32)
            ldc.i4.0 ret
          }
        }
        """

    @Test(arguments: Arch.allCases)
    func guardedDevirtualizationKeepsBothPathsRight(_ arch: Arch) throws {
        let module = try Programs.module(Self.virtualProgram)
        var profiled = JitConfig()
        profiled.classProfile = ClassProfileData(entries: [.init(ilOffset: nil, className: "Program+Derived", percent: 100)])
        var off = profiled
        try off.set("JitEnableGuardedDevirtualization", "0", at: .synthetic("test"))
        for config in [profiled, off, JitConfig()] {
            let r = try Runner.run(module: module, arch: arch, config: config)
            #expect(r.fault == nil)
            #expect(r.stdout == "420000\n70\n")
            #expect(r.exitCode == 0)
        }
    }
}
