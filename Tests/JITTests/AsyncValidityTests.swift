import Diagnostics
import IL
import Runtime
import Testing
@testable import JIT

/// The reference's validity rules for `async` methods, each with its exact diagnostic.
@Suite struct AsyncValidityTests {
    static let task = "class [System.Runtime]System.Threading.Tasks.Task`1<int32>"

    static func diagnostic(_ method: String, extra: String = "") -> Diagnostic? {
        let il = """
        .assembly extern System.Runtime {}
        .assembly V {}
        .class public auto ansi Program extends [System.Runtime]System.Object
        {
          \(method)
          \(extra)
          .method public static \(task) Leaf() cil managed async { ldc.i4.1 ret }
        }
        """
        do {
            let module = try ILParser.parse(il, file: "v.il")
            _ = try ModuleCompiler(module: module).compile(MethodSelector(typeName: "Program", methodName: "M"), arch: .x64,
                                                           location: .synthetic("test"))
            return nil
        } catch {
            return error.diagnostics(defaultLocation: .synthetic("test")).first
        }
    }

    @Test func asyncMustReturnATaskLikeType() {
        let d = Self.diagnostic(".method public static int32 M() cil managed async { ldc.i4.1 ret }")
        #expect(d?.kind == .invalidIL)
        #expect(d?.message == "the async method 'Program::M' must return Task, Task`1, ValueTask or ValueTask`1, not int32")
    }

    @Test func asyncCannotBeSynchronized() {
        let d = Self.diagnostic(".method public static \(Self.task) M() cil managed synchronized async { ldc.i4.1 ret }")
        #expect(d?.kind == .invalidIL)
        #expect(d?.message == "the async method 'Program::M' cannot be synchronized")
    }

    @Test func tailPrefixIsRejected() {
        let d = Self.diagnostic(".method public static \(Self.task) M() cil managed async { tail. call \(Self.task) Program::Leaf() ret }")
        #expect(d?.kind == .invalidIL)
        #expect(d?.message == "'tail.' is not allowed in the async method 'Program::M'")
        #expect(d?.location.line == 5)
    }

    @Test func locallocIsRejected() {
        let d = Self.diagnostic(".method public static \(Self.task) M() cil managed async { ldc.i4.8 localloc pop ldc.i4.1 ret }")
        #expect(d?.kind == .invalidIL)
        #expect(d?.message == "'localloc' is not allowed in the async method 'Program::M'")
    }

    @Test func byrefLiveAcrossAnAwaitIsRejected() {
        let d = Self.diagnostic("""
        .method public static \(Self.task) M() cil managed async
        {
          .locals init (int32 v, int32& r)
          ldloca.s v stloc.1
          call \(Self.task) Program::Leaf()
          call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
          ldloc.1 ldind.i4 add ret
        }
        """)
        #expect(d?.kind == .invalidIL)
        #expect(d?.message == "the byref local V01 of 'M' is live across an await (a byref cannot be saved in a continuation)")
    }

    @Test func asyncVariantOnlyFromAsyncCode() {
        // `call int32 Program::Leaf()` names Leaf's async variant; a non-async method may call it only
        // when AsyncCallContinuation() follows (as the task-returning thunks do).
        let d = Self.diagnostic(".method public static int32 M() cil managed { call int32 Program::Leaf() ret }")
        #expect(d?.kind == .invalidIL)
        #expect(d?.message.hasPrefix("the async variant 'Program:Leaf():int' is called from a method that is not async") == true)
    }

    @Test func validAsyncMethodCompiles() {
        #expect(Self.diagnostic(".method public static \(Self.task) M() cil managed async { ldc.i4.2 ret }") == nil)
    }
}
