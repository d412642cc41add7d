import Diagnostics
import Execution
import IL
import JIT
import Testing

/// Multi-dimensional arrays run on both targets: element accesses of every kind, System.Array's
/// queries, the exceptions of bad accesses, casts, and the located errors of what the model refuses.
@Suite struct MultiDimArrayTests {
    static func program(locals: String, _ body: String) -> String {
        """
        .assembly extern System.Runtime {}
        .assembly test {}
        .class public Program extends [System.Runtime]System.Object {
          .method public static int32 Main() {
            .entrypoint
            .locals init (\(locals))
            \(body)
            ldc.i4.0 ret
          }
        }
        """
    }

    static let print = "call void [System.Runtime]System.Console::WriteLine(int32)"

    /// A uint8[,,] (a small element type): Set truncates, Address writes through a byref, the
    /// neighbours stay zero, and Length, ldlen, Rank, GetLength, GetLowerBound, GetUpperBound agree.
    static let bytes = program(locals: "uint8[0...,0...,0...] a", """
        ldc.i4.2 ldc.i4.3 ldc.i4.4 newobj instance void uint8[,,]::.ctor(int32, int32, int32) stloc.0
        ldloc.0 ldc.i4.1 ldc.i4.2 ldc.i4.3 ldc.i4 300 call instance void uint8[,,]::Set(int32, int32, int32, uint8)
        ldloc.0 ldc.i4.1 ldc.i4.2 ldc.i4.3 call instance uint8 uint8[,,]::Get(int32, int32, int32) \(print)
        ldloc.0 ldc.i4.0 ldc.i4.0 ldc.i4.1 call instance uint8& uint8[,,]::Address(int32, int32, int32) ldc.i4 255 stind.i1
        ldloc.0 ldc.i4.0 ldc.i4.0 ldc.i4.1 call instance uint8 uint8[,,]::Get(int32, int32, int32) \(print)
        ldloc.0 ldc.i4.0 ldc.i4.0 ldc.i4.0 call instance uint8 uint8[,,]::Get(int32, int32, int32) \(print)
        ldloc.0 ldc.i4.0 ldc.i4.0 ldc.i4.2 call instance uint8 uint8[,,]::Get(int32, int32, int32) \(print)
        ldloc.0 callvirt instance int32 [System.Runtime]System.Array::get_Length() \(print)
        ldloc.0 ldlen conv.i4 \(print)
        ldloc.0 callvirt instance int32 [System.Runtime]System.Array::get_Rank() \(print)
        ldloc.0 ldc.i4.1 callvirt instance int32 [System.Runtime]System.Array::GetLength(int32) \(print)
        ldloc.0 ldc.i4.2 callvirt instance int32 [System.Runtime]System.Array::GetUpperBound(int32) \(print)
        ldloc.0 ldc.i4.2 callvirt instance int32 [System.Runtime]System.Array::GetLowerBound(int32) \(print)
        """)

    @Test(arguments: Arch.allCases)
    func smallElementsAndQueries(_ arch: Arch) throws {
        let r = try Programs.run(Self.bytes, arch)
        #expect(r.transcript == "44\n255\n0\n0\n24\n24\n3\n3\n3\n0\nexit 0\n", "stderr: \(r.stderr)")
    }

    /// Casts see the rank: an int[,] is a System.Array and an int[,], not an int[] nor an int[,,].
    @Test(arguments: Arch.allCases)
    func castsCompareTheRank(_ arch: Arch) throws {
        let text = Self.program(locals: "object o", """
            ldc.i4.1 ldc.i4.1 newobj instance void int32[,]::.ctor(int32, int32) stloc.0
            ldloc.0 isinst int32[] ldnull cgt.un \(Self.print)
            ldloc.0 isinst int32[0...,0...,0...] ldnull cgt.un \(Self.print)
            ldloc.0 isinst int32[0...,0...] ldnull cgt.un \(Self.print)
            ldloc.0 isinst [System.Runtime]System.Array ldnull cgt.un \(Self.print)
            ldloc.0 castclass int32[0...,0...] callvirt instance int32 [System.Runtime]System.Array::get_Rank() \(Self.print)
            """)
        let r = try Programs.run(text, arch)
        #expect(r.transcript == "0\n0\n1\n1\n2\nexit 0\n", "stderr: \(r.stderr)")
    }

    /// Bad accesses end the run with .NET's exception (one per row: its body, the exception's type).
    static let failures: [(String, String, String)] = [
        ("int32[0...,0...] a", """
            ldc.i4.3 ldc.i4.4 newobj instance void int32[,]::.ctor(int32, int32) stloc.0
            ldloc.0 ldc.i4.m1 ldc.i4.0 call instance int32 int32[,]::Get(int32, int32) pop
            """, "System.IndexOutOfRangeException"),
        ("int32[0...,0...] a", """
            ldc.i4.3 ldc.i4.4 newobj instance void int32[,]::.ctor(int32, int32) stloc.0
            ldloc.0 ldc.i4.0 ldc.i4.4 ldc.i4.7 call instance void int32[,]::Set(int32, int32, int32)
            """, "System.IndexOutOfRangeException"),
        ("int32[0...,0...] a", """
            ldloc.0 ldc.i4.0 ldc.i4.0 call instance int32 int32[,]::Get(int32, int32) pop
            """, "System.NullReferenceException"),
        ("int32[0...,0...] a", """
            ldc.i4.m1 ldc.i4.2 newobj instance void int32[,]::.ctor(int32, int32) stloc.0
            """, "System.OverflowException"),
        ("object[0...,0...] a", """
            ldc.i4.1 ldc.i4.1 newobj instance void string[,]::.ctor(int32, int32) stloc.0
            ldloc.0 ldc.i4.0 ldc.i4.0 ldc.i4.5 box [System.Runtime]System.Int32
            call instance void object[,]::Set(int32, int32, object)
            """, "System.ArrayTypeMismatchException"),
        ("int32[0...,0...] a", """
            ldc.i4.1 ldc.i4.1 newobj instance void int32[,]::.ctor(int32, int32) stloc.0
            ldloc.0 ldc.i4.2 callvirt instance int32 [System.Runtime]System.Array::GetLength(int32) pop
            """, "System.IndexOutOfRangeException"),
    ]

    @Test(arguments: failures.indices, Arch.allCases)
    func badAccessesThrow(_ i: Int, _ arch: Arch) throws {
        let (locals, body, exception) = Self.failures[i]
        let r = try Programs.run(Self.program(locals: locals, body), arch)
        #expect(r.exitCode == 134)
        #expect(r.stderr.contains("Unhandled exception. \(exception)"), "stderr: \(r.stderr)")
    }

    /// What the model does not do is a located compile-time error, not a wrong array.
    @Test(arguments: [
        ("ldc.i4.0 ldc.i4.2 ldc.i4.0 ldc.i4.2 newobj instance void int32[,]::.ctor(int32, int32, int32, int32) pop",
         "the constructor taking lower bounds of 'int32[0...,0...]' is not supported (only zero-based arrays are)"),
        ("ldc.i4.1 dup dup dup dup dup newobj instance void int32[,,,,,]::.ctor(int32, int32, int32, int32, int32, int32) pop",
         "creating arrays of 6 dimensions is not supported (at most 5)"),
        ("ldnull ldc.i4.0 call instance int32 int32[,]::Get(int32) pop",
         "'Get' of 'int32[0...,0...]' takes 2 arguments, the call passes 1"),
    ])
    func unsupportedFormsAreLocated(_ body: String, _ message: String) throws {
        Self.expectLocatedError(body, message, kind: .unsupported)
    }

    /// Runs `body` and expects the compile-time error `message` of `kind`, at its line of the program.
    static func expectLocatedError(_ body: String, _ message: String, kind: DiagnosticKind) {
        let text = program(locals: "int32 unused", body)
        let d = Programs.diagnostic { _ = try Programs.run(text, .x64) }
        #expect(d?.message == message)
        #expect(d?.kind == kind)
        #expect(d?.location.file == "test.il")
        #expect(d?.location.line == 7)
    }

    /// An array type has exactly the methods the runtime gives it: a reference with another signature
    /// names no method, a located error (fuzz seed 204, input 797237: a `Set` whose value type was not
    /// the element's stored a long as an object reference and trapped code generation).
    @Test(arguments: [
        ("ldnull ldc.i4.0 ldc.i4.0 ldc.i8 5 call instance void string[,]::Set(int32, int32, int64)",
         "no method 'void string[0...,0...]::Set(int32, int32, int64)': the array type's Set is 'void Set(int32, int32, string)'"),
        ("ldnull ldc.i4.0 ldc.i4.0 call instance int64 int32[,]::Get(int32, int32) pop",
         "no method 'int64 int32[0...,0...]::Get(int32, int32)': the array type's Get is 'int32 Get(int32, int32)'"),
        ("ldnull ldc.i4.0 ldc.i8 1 call instance int32 int32[,]::Get(int32, int64) pop",
         "no method 'int32 int32[0...,0...]::Get(int32, int64)': the array type's Get is 'int32 Get(int32, int32)'"),
        ("ldnull ldc.i4.0 ldc.i4.0 call instance int32 int32[,]::Address(int32, int32) pop",
         "no method 'int32 int32[0...,0...]::Address(int32, int32)': the array type's Address is 'int32& Address(int32, int32)'"),
        ("ldnull ldc.i4.0 ldc.i4.0 call instance int64& int32[,]::Address(int32, int32) pop",
         "no method 'int64& int32[0...,0...]::Address(int32, int32)': the array type's Address is 'int32& Address(int32, int32)'"),
    ])
    func mismatchedSignaturesNameNoMethod(_ body: String, _ message: String) throws {
        Self.expectLocatedError(body, message, kind: .undefined)
    }
}
