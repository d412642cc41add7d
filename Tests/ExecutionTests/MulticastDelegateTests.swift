import Execution
import IL
import JIT
import Testing

/// Multicast delegates (Delegate.Combine/Remove in the model CoreLib, the multicast stub in
/// delegates.c): invocation order, the last target's result, Remove's last-occurrence rule for
/// runs of delegates, null results and equality, on both targets.
@Suite struct MulticastDelegateTests {
    /// `Op` is `int32 Invoke(int32)`; A prints 1 and returns x + 1, B prints 2 and returns x + 2.
    /// Each row's body leaves an Op on the stack (null allowed); the test invokes it with 10 when it
    /// is not null and prints the result, else prints -1.
    static func program(_ body: String) -> String {
        let combine = "call class [System.Runtime]System.Delegate [System.Runtime]System.Delegate::Combine(class [System.Runtime]System.Delegate, class [System.Runtime]System.Delegate)"
        let remove = "call class [System.Runtime]System.Delegate [System.Runtime]System.Delegate::Remove(class [System.Runtime]System.Delegate, class [System.Runtime]System.Delegate)"
        let words: [String: String] = [
            "COMBINE": combine + " castclass Op", "REMOVE": remove + " castclass Op",
            "A": "ldnull ldftn int32 Program::A(int32) newobj instance void Op::.ctor(object, native int)",
            "B": "ldnull ldftn int32 Program::B(int32) newobj instance void Op::.ctor(object, native int)",
        ]
        let text = body.split(separator: " ").map { words[String($0)] ?? String($0) }.joined(separator: " ")
        return """
        .assembly extern System.Runtime {}
        .assembly test {}
        .class public sealed Op extends [System.Runtime]System.MulticastDelegate {
          .method public specialname rtspecialname instance void .ctor(object o, native int m) runtime managed {}
          .method public newslot virtual instance int32 Invoke(int32 x) runtime managed {}
        }
        .class public Program extends [System.Runtime]System.Object {
          .method public static int32 A(int32 x) cil managed { ldc.i4.1 call void [System.Runtime]System.Console::WriteLine(int32) ldarg.0 ldc.i4.1 add ret }
          .method public static int32 B(int32 x) cil managed { ldc.i4.2 call void [System.Runtime]System.Console::WriteLine(int32) ldarg.0 ldc.i4.2 add ret }
          .method public static int32 Main() {
            .entrypoint
            .locals init (class Op d)
            \(text)
            stloc.0 ldloc.0 brtrue.s CALL
            ldc.i4.m1 call void [System.Runtime]System.Console::WriteLine(int32) ldc.i4.0 ret
          CALL:
            ldloc.0 ldc.i4.s 10 callvirt instance int32 Op::Invoke(int32) call void [System.Runtime]System.Console::WriteLine(int32)
            ldc.i4.0 ret
          }
        }
        """
    }

    static let cases: [(String, String)] = [
        ("A B COMBINE A COMBINE", "1\n2\n1\n11\n"),
        ("A B COMBINE B A COMBINE COMBINE", "1\n2\n2\n1\n11\n"),
        // The last run of A, B goes: A B A B - A B = A B.
        ("A B COMBINE A COMBINE B COMBINE A B COMBINE REMOVE", "1\n2\n12\n"),
        // B A does not occur in A B (order matters): unchanged.
        ("A B COMBINE B A COMBINE REMOVE", "1\n2\n12\n"),
        // The last A goes: A B A - A = A B.
        ("A B COMBINE A COMBINE A REMOVE", "1\n2\n12\n"),
        ("A B COMBINE A B COMBINE REMOVE", "-1\n"),
        ("A A REMOVE", "-1\n"),
        ("A B REMOVE", "1\n11\n"),
        ("ldnull ldnull COMBINE", "-1\n"),
        ("ldnull A COMBINE", "1\n11\n"),
        ("A ldnull REMOVE", "1\n11\n"),
        ("ldnull A REMOVE", "-1\n"),
    ]

    @Test(arguments: cases.indices, [Arch.x64, .arm64])
    func combineAndRemove(_ i: Int, _ arch: Arch) throws {
        let (body, expected) = Self.cases[i]
        let r = try Programs.run(Self.program(body), arch)
        #expect(r.transcript == expected + "exit 0\n", "\(body)\nstderr: \(r.stderr)")
    }

    /// op_Equality compares invocation lists: same methods on the same targets, in order.
    @Test(arguments: [
        ("A A", 1), ("A B", 0), ("A B COMBINE A B COMBINE", 1), ("A B COMBINE B A COMBINE", 0),
        ("A B COMBINE A", 0), ("ldnull ldnull", 1), ("A ldnull", 0),
    ], [Arch.x64, .arm64])
    func equality(_ pair: (String, Int), _ arch: Arch) throws {
        let eq = "call bool [System.Runtime]System.Delegate::op_Equality(class [System.Runtime]System.Delegate, class [System.Runtime]System.Delegate)"
        let body = pair.0 + " " + eq + " call void [System.Runtime]System.Console::WriteLine(int32) ldnull"
        let r = try Programs.run(Self.program(body), arch)
        #expect(r.transcript == "\(pair.1)\n-1\nexit 0\n", "\(pair.0)\nstderr: \(r.stderr)")
    }
}
