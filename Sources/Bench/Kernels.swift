/// The run-time kernels: small programs whose loop count is a parameter.
///
/// Each kernel exists twice with the same behaviour: as C# for mono (compiled by mcs) and
/// as IL for the model JIT. The ordinary kernels use mcs's own IL (through monodis), so
/// both JITs compile identical IL; the async kernels are C# `async`/`await` for mono (the
/// compiler's state machine) and runtime-async IL (`cil managed async`) for the model JIT,
/// the two ways of running the same program. Each prints a checksum that must agree.
public struct Kernel: Sendable {
    public var name: String
    /// Loop count of the short run; the long run does twice as many.
    public var iterations: Int
    /// C# for `iterations`.
    public var csharp: @Sendable (Int) -> String
    /// IL for the model JIT, or nil when the model JIT compiles mcs's IL (monodis of `csharp`).
    public var il: (@Sendable (Int) -> String)?

    /// The kernels `jitbook bench` runs.
    public static let all: [Kernel] = [loops, calls, virtualCalls, syncAwaits, suspendingAwaits]

    static let loops = Kernel(name: "loops", iterations: 200_000_000, csharp: { k in
        """
        static class Program {
            static int Main() {
                int s = 0;
                for (int i = 0; i < \(k); i++) { s += (i ^ (s >> 3)) & 1023; if ((i & 7) == 3) s -= i & 15; }
                System.Console.WriteLine(s);
                return 0;
            }
        }
        """
    }, il: nil)

    static let calls = Kernel(name: "calls", iterations: 50_000_000, csharp: { k in
        """
        static class Program {
            static int Step(int s, int i) { if (s > 1000000) return s - i; return s + (i & 31); }
            static int Main() {
                int s = 0;
                for (int i = 0; i < \(k); i++) s = Step(Step(s, i), i + 1);
                System.Console.WriteLine(s);
                return 0;
            }
        }
        """
    }, il: nil)

    static let virtualCalls = Kernel(name: "virtual calls", iterations: 20_000_000, csharp: { k in
        """
        abstract class Shape { public abstract int Area(int i); }
        class Square : Shape { public override int Area(int i) { return (i & 15) * (i & 15); } }
        class Line : Shape { public override int Area(int i) { return i & 7; } }
        static class Program {
            static int Main() {
                Shape[] shapes = new Shape[] { new Square(), new Line(), new Square() };
                int s = 0;
                for (int i = 0; i < \(k); i++) s = (s + shapes[i % 3].Area(i)) & 0xFFFFFF;
                System.Console.WriteLine(s);
                return 0;
            }
        }
        """
    }, il: nil)

    static let syncAwaits = Kernel(name: "awaits completing synchronously", iterations: 5_000_000, csharp: { k in
        """
        using System.Threading.Tasks;
        static class Program {
            static async Task<int> Id(int i) { return i & 255; }
            static async Task<int> Run() {
                int s = 0;
                for (int i = 0; i < \(k); i++) s = (s + await Id(i)) & 0xFFFFFF;
                return s;
            }
            static int Main() { System.Console.WriteLine(Run().Result); return 0; }
        }
        """
    }, il: { k in
        asyncProgram(name: "bench_sync_awaits", callee: """
              .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Id(int32 i) cil managed async
              {
                ldarg.0 ldc.i4 255 and ret
              }
            """, iterations: k, awaitIL: "call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Id(int32)\n    call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)")
    })

    static let suspendingAwaits = Kernel(name: "awaits that suspend (Task.Yield)", iterations: 500_000, csharp: { k in
        """
        using System.Threading.Tasks;
        static class Program {
            static async Task<int> Yielding(int i) { await Task.Yield(); return i & 255; }
            static async Task<int> Run() {
                int s = 0;
                for (int i = 0; i < \(k); i++) s = (s + await Yielding(i)) & 0xFFFFFF;
                return s;
            }
            static int Main() { System.Console.WriteLine(Run().Result); return 0; }
        }
        """
    }, il: { k in
        asyncProgram(name: "bench_yield_awaits", callee: """
              .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Yielding(int32 i) cil managed async
              {
                .locals init (valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter aw, valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable ya)
                call valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable [System.Runtime]System.Threading.Tasks.Task::Yield()
                stloc ya
                ldloca ya
                call instance valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable::GetAwaiter()
                stloc aw
                ldloca aw
                call instance bool valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter::get_IsCompleted()
                brtrue DONE
                ldloc aw
                call void [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::UnsafeAwaitAwaiter<valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter>(!!0)
              DONE:
                ldloca aw
                call instance void valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter::GetResult()
                ldarg.0 ldc.i4 255 and ret
              }
            """, iterations: k, awaitIL: "call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Yielding(int32)\n    call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)")
    })

    /// A runtime-async program: `Run` loops `iterations` times over `await` of the callee, Main prints `Run().Result`.
    static func asyncProgram(name: String, callee: String, iterations: Int, awaitIL: String) -> String {
        """
        .assembly extern System.Runtime {}
        .assembly \(name) {}
        .class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
        {
        \(callee)
          .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Run() cil managed async
          {
            .locals init (int32 s, int32 i)
            ldc.i4.0 stloc.0
            ldc.i4.0 stloc.1
            br COND
          LOOP:
            ldloc.1
            \(awaitIL)
            ldloc.0 add ldc.i4 0xFFFFFF and stloc.0
            ldloc.1 ldc.i4.1 add stloc.1
          COND:
            ldloc.1 ldc.i4 \(iterations) blt LOOP
            ldloc.0 ret
          }
          .method public hidebysig static int32 Main() cil managed
          {
            .entrypoint
            call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Run()
            callvirt instance !0 class [System.Runtime]System.Threading.Tasks.Task`1<int32>::get_Result()
            call void [System.Runtime]System.Console::WriteLine(int32)
            ldc.i4.0 ret
          }
        }

        """
    }
}
