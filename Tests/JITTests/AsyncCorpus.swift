/// Async methods for the JIT tests: one, two and three awaits (entry dispatch shapes), a tail await,
/// liveness across awaits, a void await, and an await of an ordinary Task-returning method.
enum AsyncCorpus {
    static let il = #"""
.assembly extern System.Runtime {}
.assembly AsyncCorpus {}
.class public auto ansi beforefieldinit Program extends [System.Runtime]System.Object
{
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Leaf(int32 x) cil managed async
  {
    .locals init (valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter aw, valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable ya)
    
    call valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable [System.Runtime]System.Threading.Tasks.Task::Yield()
    stloc ya
    ldloca ya
    call instance valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable::GetAwaiter()
    stloc aw
    ldloca aw
    call instance bool valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter::get_IsCompleted()
    brtrue Y1
    ldloc aw
    call void [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::UnsafeAwaitAwaiter<valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter>(!!0)
  Y1:
    ldloca aw
    call instance void valuetype [System.Runtime]System.Runtime.CompilerServices.YieldAwaitable/YieldAwaiter::GetResult()
    ldarg.0 ret
  }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> OneAwait(int32 x) cil managed async
  { ldc.i4.s 1 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) ldarg.0 add ret }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> TwoAwaits(int32 x) cil managed async
  { ldc.i4.s 1 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) ldc.i4.s 2 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) add ldarg.0 add ret }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> ThreeAwaits(int32 x) cil managed async
  { ldc.i4.s 1 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) ldc.i4.s 2 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) add ldc.i4.s 3 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) add ldarg.0 add ret }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> TailAwait(int32 x) cil managed async
  {
    ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32)
    ldc.i4.0 callvirt instance valuetype [System.Runtime]System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1<!0> class [System.Runtime]System.Threading.Tasks.Task`1<int32>::ConfigureAwait(bool)
    call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(valuetype [System.Runtime]System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1<!!0>)
    ret
  }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Mix(int32 x) cil managed async
  {
    .locals init (int32 a, int32 b, int32 c, int32 dead)
    ldarg.0 ldc.i4.1 add stloc.0
    ldarg.0 ldc.i4.2 mul stloc.1
    ldarg.0 ldc.i4.3 mul stloc.3
    ldloc.3 call void [System.Runtime]System.Console::WriteLine(int32)
    ldc.i4.s 100 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
    ldloc.0 add ldloc.1 add stloc.2
    ldc.i4.s 20 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
    ldloc.2 add ret
  }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task VoidAwait() cil managed async
  { ldc.i4.s 5 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Leaf(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) pop ret }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> Ordinary(int32 x) cil managed
  { ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<!!0> [System.Runtime]System.Threading.Tasks.Task::FromResult<int32>(!!0) ret }
  .method public hidebysig static class [System.Runtime]System.Threading.Tasks.Task`1<int32> AwaitsOrdinary(int32 x) cil managed async
  { ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Program::Ordinary(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>) ret }
}
"""#
}
