import Diagnostics
import IL
import Runtime
import Testing
@testable import JIT

/// Where the JIT places CORINFO_HELP_INITCLASS checks (ECMA-335 II.10.5.3).
@Suite struct ClassInitTests {
    static let il = #"""
    .assembly extern System.Runtime {}
    .assembly ClassInit {}
    .class public auto ansi Precise extends [System.Runtime]System.Object
    {
      .field public static int32 X
      .method private hidebysig specialname rtspecialname static void .cctor() cil managed { ldc.i4.5 stsfld int32 Precise::X ret }
      .method public hidebysig static int32 Get() cil managed noinlining { ldsfld int32 Precise::X ret }
    }
    .class public auto ansi beforefieldinit Relaxed extends [System.Runtime]System.Object
    {
      .field public static int32 Y
      .method private hidebysig specialname rtspecialname static void .cctor() cil managed { ldc.i4.7 stsfld int32 Relaxed::Y ret }
    }
    .class public auto ansi Program extends [System.Runtime]System.Object
    {
      .method public hidebysig static int32 ReadBoth(int32 a) cil managed
      {
        ldarg.0 brfalse.s SKIP
        ldsfld int32 Relaxed::Y ret
      SKIP:
        ldsfld int32 Precise::X ret
      }
    }
    """#

    static func listing(_ type: String, _ name: String) throws -> String {
        let mc = ModuleCompiler(module: try ILParser.parse(il, file: "classinit.il"))
        return try mc.compile(MethodSelector(typeName: type, methodName: name), arch: .x64, config: JitConfig(),
                              dumps: [], location: .synthetic("test")).listing
    }

    @Test func aPreciseClassIsCheckedAtEntryAndNotInsideItsOwnConstructor() throws {
        let get = try Self.listing("Precise", "Get")
        // One check, on entry: the class's own static field needs none after it.
        #expect(get.components(separatedBy: "CORINFO_HELP_INITCLASS").count - 1 == 1)
        let cctor = try Self.listing("Precise", ".cctor")
        #expect(!cctor.contains("CORINFO_HELP_INITCLASS"))
    }

    @Test func aRelaxedClassIsCheckedInTheEntryBlockAPreciseOneAtTheAccess() throws {
        let lines = try Self.listing("Program", "ReadBoth").split(separator: "\n").map(String.init)
        let inits = lines.indices.filter { lines[$0].contains("CORINFO_HELP_INITCLASS") }
        let branch = try #require(lines.firstIndex { $0.contains("je ") || $0.contains("jne ") || $0.contains("test ") })
        #expect(inits.count == 2)
        // Relaxed's check comes before the branch on `a` (method entry); Precise's after it (its access).
        #expect(inits.first.map { $0 < branch } == true)
        #expect(inits.last.map { $0 > branch } == true)
    }
}
