import Execution
import Foundation
import IL
import JIT
import Testing

/// `ldvirtftn`: a delegate bound to a virtual method reaches the override of the object's class, to an
/// interface method the implementation of the object's class, to a final method the method itself.
@Suite struct VirtualFunctionPointerTests {
    static let classes = """
      .class interface public abstract IValue { .method public hidebysig newslot abstract virtual instance int32 Get() cil managed {} }
      .class public Base extends [System.Runtime]System.Object implements IValue {
        .method public specialname rtspecialname instance void .ctor() cil managed { ldarg.0 call instance void [System.Runtime]System.Object::.ctor() ret }
        .method public hidebysig newslot virtual instance int32 Get() cil managed { ldc.i4.1 ret }
        .method public hidebysig instance int32 Plain() cil managed { ldc.i4.3 ret }
      }
      .class public Derived extends Base {
        .method public specialname rtspecialname instance void .ctor() cil managed { ldarg.0 call instance void Base::.ctor() ret }
        .method public hidebysig virtual instance int32 Get() cil managed { ldc.i4.2 ret }
      }
      """

    /// Main binds `Func<int>` with `ldvirtftn METHOD` on a `new CLASS()` and prints what it returns.
    static func program(_ cls: String, _ method: String) -> String {
        """
        .assembly extern System.Runtime {}
        .assembly test {}
        \(classes)
        .class public Program {
          .method public static int32 Main() {
            .entrypoint
            newobj instance void \(cls)::.ctor() dup
            ldvirtftn instance int32 \(method)()
            newobj instance void class [System.Runtime]System.Func`1<int32>::.ctor(object, native int)
            callvirt instance !0 class [System.Runtime]System.Func`1<int32>::Invoke()
            call void [System.Runtime]System.Console::WriteLine(int32)
            ldc.i4.0 ret
          }
        }
        """
    }

    static let cases: [(cls: String, method: String, expected: String)] = [
        ("Base", "Base::Get", "1"), ("Derived", "Base::Get", "2"),
        ("Derived", "IValue::Get", "2"), ("Base", "IValue::Get", "1"), ("Derived", "Base::Plain", "3"),
    ]

    @Test(arguments: [Arch.x64, .arm64])
    func reachesTheImplementationOfTheObjectsClass(_ arch: Arch) throws {
        for k in Self.cases {
            let r = try Programs.run(Self.program(k.cls, k.method), arch)
            #expect(r.stdout == k.expected + "\n", "\(k.cls) \(k.method): \(r.stderr)")
            #expect(r.exitCode == 0)
        }
    }

    @Test func staticMethodIsALocatedError() throws {
        let text = Self.program("Base", "Base::Get").replacingOccurrences(of: "ldvirtftn instance int32 Base::Get()",
                                                                          with: "ldvirtftn int32 Program::Main()")
        let d = Programs.diagnostic { _ = try Programs.run(text, .x64) }
        #expect(d?.message.contains("needs an instance method") == true, "\(String(describing: d))")
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("ldvirtftn") }.map { $0 + 1 }
        #expect(d?.location.line == line)
    }
}
