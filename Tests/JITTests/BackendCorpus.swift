/// IL methods that exercise every backend path: arithmetic at both widths, shifts,
/// division, compares, branches, loops, switch, calls, conversions and register pressure.
/// `Add` and `Six` are `noinlining` so that `Calls` and `Pressure` keep their calls; the
/// `Inline*` methods are compiled with their callees inlined.
enum BackendCorpus {
    static let il = #"""
.assembly Corpus {}
.class public Program extends [System.Runtime]System.Object
{
  .method public static int32 Add(int32 a, int32 b) cil managed noinlining { ldarg.0 ldarg.1 add ret }
  .method public static int32 Arith(int32 a, int32 b) cil managed
  {
    ldarg.0 ldarg.1 sub ldarg.0 mul ldarg.1 and ldarg.0 or ldarg.1 xor
    ldc.i4 1000 add ldc.i4.s -7 sub ldc.i4.3 mul neg not ret
  }
  .method public static int64 Arith64(int64 a, int64 b) cil managed
  {
    ldarg.0 ldarg.1 sub ldarg.0 mul ldarg.1 and ldarg.0 or ldarg.1 xor
    ldc.i8 0x123456789A add ldc.i8 -5 mul ret
  }
  .method public static int32 Shifts(int32 a, int32 n) cil managed
  {
    ldarg.0 ldarg.1 shl ldarg.1 shr ldarg.1 shr.un ldc.i4.3 shl ldc.i4.1 shr ldc.i4.2 shr.un ret
  }
  .method public static int64 Shifts64(int64 a, int32 n) cil managed
  {
    ldarg.0 ldarg.1 shl ldarg.1 shr ldc.i4.s 40 shr.un ret
  }
  .method public static int32 Div(int32 a, int32 b) cil managed
  {
    ldarg.0 ldarg.1 div ldarg.0 ldarg.1 rem add ldarg.0 ldarg.1 div.un add ldarg.0 ldarg.1 rem.un add ret
  }
  .method public static int64 Div64(int64 a, int64 b) cil managed
  {
    ldarg.0 ldarg.1 div ldarg.0 ldarg.1 rem.un add ret
  }
  .method public static int32 DivByMinusOne(int32 a) cil managed { ldarg.0 ldc.i4.m1 div ret }
  .method public static int64 RemByMinusOne64(int64 a) cil managed { ldarg.0 ldc.i8 -1 rem ret }
  .method public static int32 DivByConstant(int32 a) cil managed { ldarg.0 ldc.i4.7 div ldarg.0 ldc.i4.s -3 rem add ret }
  .method public static int32 DivByZeroConstant(int32 a) cil managed { ldarg.0 ldc.i4.0 div ret }
  .method public static uint64 UDiv64(uint64 a, uint64 b) cil managed { ldarg.0 ldarg.1 div.un ldarg.0 ldarg.1 rem.un add ret }
  .method public static int32 Compare(int32 a, int32 b) cil managed
  {
    ldarg.0 ldarg.1 clt ldarg.0 ldarg.1 cgt add ldarg.0 ldarg.1 ceq add
    ldarg.0 ldarg.1 clt.un add ldarg.0 ldarg.1 cgt.un add ret
  }
  .method public static int32 Branches(int32 a, int32 b) cil managed
  {
    ldarg.0 ldarg.1 bge.s L1
    ldarg.0 ldc.i4.0 ble.s L2
    ldarg.0 ldarg.1 bgt.un.s L3
    ldarg.0 brtrue.s L4
    ldc.i4.0 ret
  L1: ldc.i4.1 ret
  L2: ldc.i4.2 ret
  L3: ldc.i4.3 ret
  L4: ldarg.1 ldc.i4 -100 beq.s L1
    ldc.i4.4 ret
  }
  .method public static int32 Loop(int32 n) cil managed
  {
    .locals init (int32 s, int32 i)
    ldc.i4.0 stloc.0 ldc.i4.0 stloc.1 br.s C
  B: ldloc.0 ldloc.1 add stloc.0 ldloc.1 ldc.i4.1 add stloc.1
  C: ldloc.1 ldarg.0 blt.s B
    ldloc.0 ret
  }
  .method public static int32 Switch(int32 x) cil managed
  {
    ldarg.0 switch (A, B, C) ldc.i4.m1 ret
  A: ldc.i4.s 10 ret
  B: ldc.i4.s 20 ret
  C: ldc.i4.s 30 ret
  }
  .method public static int32 Six(int32 a, int32 b, int32 c, int32 d, int32 e, int32 f) cil managed noinlining
  {
    ldarg.0 ldarg.1 add ldarg.2 add ldarg.3 add ldarg.s e add ldarg.s f add ret
  }
  .method public static int32 Calls(int32 x) cil managed
  {
    ldarg.0 ldc.i4.1 ldc.i4.2 ldc.i4.3 ldc.i4.4 ldc.i4.5 call int32 Program::Six(int32, int32, int32, int32, int32, int32)
    ldarg.0 ldc.i4.2 call int32 Program::Add(int32, int32)
    call int32 Program::Add(int32, int32)
    ldarg.0 add ret
  }
  .method public static int64 Convert(int32 a, int64 b) cil managed
  {
    ldarg.0 conv.i1 ldarg.0 conv.u1 add ldarg.0 conv.i2 add ldarg.0 conv.u2 add
    conv.i8 ldarg.1 conv.i4 conv.i8 add ldarg.0 conv.u8 add ldarg.1 add ret
  }
  .method public static int32 Pressure(int32 a, int32 b) cil managed
  {
    .locals init (int32 v0, int32 v1, int32 v2, int32 v3, int32 v4, int32 v5, int32 v6, int32 v7,
                  int32 v8, int32 v9, int32 v10, int32 v11, int32 v12, int32 v13, int32 v14, int32 v15)
    ldarg.0 ldc.i4.1 add stloc.0   ldarg.1 ldc.i4.2 add stloc.1   ldarg.0 ldc.i4.3 mul stloc.2
    ldarg.1 ldc.i4.4 mul stloc.3   ldarg.0 ldc.i4.5 xor stloc.s v4   ldarg.1 ldc.i4.6 xor stloc.s v5
    ldarg.0 ldc.i4.7 sub stloc.s v6   ldarg.1 ldc.i4.8 sub stloc.s v7   ldarg.0 ldarg.1 add stloc.s v8
    ldarg.0 ldarg.1 sub stloc.s v9   ldarg.0 ldarg.1 mul stloc.s v10   ldarg.0 ldarg.1 or stloc.s v11
    ldarg.0 ldarg.1 and stloc.s v12   ldarg.0 ldarg.1 xor stloc.s v13   ldarg.0 ldc.i4.s 11 add stloc.s v14
    ldarg.1 ldc.i4.s 13 add stloc.s v15
    ldarg.0 ldarg.1 call int32 Program::Add(int32, int32) pop
    ldloc.0 ldloc.1 add ldloc.2 add ldloc.3 add ldloc.s v4 add ldloc.s v5 add ldloc.s v6 add ldloc.s v7 add
    ldloc.s v8 add ldloc.s v9 add ldloc.s v10 add ldloc.s v11 add ldloc.s v12 add ldloc.s v13 add
    ldloc.s v14 add ldloc.s v15 add ret
  }
  .method public static int32 Abs(int32 x) cil managed { ldarg.0 ldc.i4.0 bge.s P ldarg.0 neg ret P: ldarg.0 ret }
  .method public static int32 InlineAbs(int32 a, int32 b) cil managed
  {
    ldarg.0 ldarg.1 sub call int32 Program::Abs(int32) ldc.i4.s -9 call int32 Program::Abs(int32) add
    ldarg.1 call int32 Program::Abs(int32) mul ret
  }
  .method public static int32 InlineLoop(int32 n) cil managed
  {
    .locals init (int32 s, int32 i)
    br.s C
  B: ldloc.0 ldloc.1 call int32 Program::Abs(int32) add ldloc.1 ldarg.0 call int32 Program::Add(int32, int32) add stloc.0
    ldloc.1 ldc.i4.1 add stloc.1
  C: ldloc.1 ldarg.0 call int32 Program::Loop(int32) blt.s B
    ldloc.0 ret
  }
}
.class public auto ansi Base extends [mscorlib]System.Object
{
  .field public int32 count
  .field public object tag
  .field public int8 flag
  .method public hidebysig specialname rtspecialname instance void .ctor() cil managed { ldarg.0 call instance void [mscorlib]System.Object::.ctor() ret }
  .method public hidebysig newslot virtual instance int32 Get() cil managed { ldarg.0 ldfld int32 Base::count ret }
}
.class public auto ansi Derived extends Base implements IGet
{
  .method public hidebysig specialname rtspecialname instance void .ctor() cil managed { ldarg.0 call instance void Base::.ctor() ret }
  .method public hidebysig virtual instance int32 Get() cil managed { ldarg.0 ldfld int32 Base::count ldc.i4.1 add ret }
  .method public hidebysig newslot virtual final instance int32 Value() cil managed { ldc.i4.7 ret }
}
.class public interface abstract IGet { .method public hidebysig newslot abstract virtual instance int32 Value() cil managed {} }
.class public sequential ansi sealed Pair extends [mscorlib]System.ValueType
{
  .field public int32 a
  .field public int64 b
}
.class public sequential ansi sealed Triple extends [mscorlib]System.ValueType
{
  .field public int64 x
  .field public int64 y
  .field public int64 z
}
.class public auto ansi Objects extends [mscorlib]System.Object
{
  .field public static int32 total
  .method public static int32 Fields(class Base b) cil managed
  { ldarg.0 ldarg.0 ldfld int32 Base::count ldc.i4.2 add stfld int32 Base::count ldarg.0 ldc.i4.1 stfld int8 Base::flag
    ldarg.0 ldfld int8 Base::flag ldarg.0 ldfld int32 Base::count add ret }
  .method public static int32 Virtual(class Base b) cil managed { ldarg.0 callvirt instance int32 Base::Get() ret }
  .method public static int32 Interface(class IGet g) cil managed { ldarg.0 callvirt instance int32 IGet::Value() ldc.i4.1 add ret }
  .method public static int32 NewObj() cil managed { newobj instance void Derived::.ctor() callvirt instance int32 Base::Get() ret }
  .method public static int32 Arrays(int32[] a, int32 i) cil managed
  { ldarg.0 ldarg.1 ldarg.0 ldarg.1 ldelem.i4 ldc.i4.1 add stelem.i4 ldarg.0 ldlen conv.i4 ldarg.0 ldc.i4.0 ldelem.i4 add ret }
  .method public static int64 Bytes(uint8[] a, int64[] b) cil managed
  { ldarg.0 ldc.i4.1 ldelem.u1 conv.i8 ldarg.1 ldc.i4.2 ldelem.i8 add ret }
  .method public static object Box(int32 v) cil managed { ldarg.0 box [mscorlib]System.Int32 ret }
  .method public static int32 Unbox(object o) cil managed { ldarg.0 unbox.any [mscorlib]System.Int32 ret }
  .method public static class Derived Cast(object o) cil managed { ldarg.0 castclass Derived ret }
  .method public static bool IsInst(object o) cil managed { ldarg.0 isinst IGet ldnull cgt.un ret }
  .method public static void Statics(int32 v) cil managed { ldsfld int32 Objects::total ldarg.0 add stsfld int32 Objects::total ret }
  .method public static valuetype Pair MakePair(int32 a, int64 b) cil managed
  { .locals init (valuetype Pair p) ldloca.s p ldarg.0 stfld int32 Pair::a ldloca.s p ldarg.1 stfld int64 Pair::b ldloc.0 ret }
  .method public static int64 UsePair(valuetype Pair p) cil managed
  { ldarga.s p ldfld int32 Pair::a conv.i8 ldarga.s p ldfld int64 Pair::b add ret }
  .method public static int64 CallPair() cil managed { ldc.i4.3 ldc.i8 4 call valuetype Pair Objects::MakePair(int32, int64) call int64 Objects::UsePair(valuetype Pair) ret }
  .method public static valuetype Triple MakeTriple(int64 v) cil managed
  { .locals init (valuetype Triple t) ldloca.s t ldarg.0 stfld int64 Triple::z ldloc.0 ret }
  .method public static int64 CopyTriple() cil managed
  { .locals init (valuetype Triple t, valuetype Triple u) ldc.i8 9 call valuetype Triple Objects::MakeTriple(int64) stloc.0 ldloc.0 stloc.1 ldloca.s u ldfld int64 Triple::z ret }
  .method public static string Strings(string a, int32 n) cil managed
  { ldarg.0 ldarg.1 box [mscorlib]System.Int32 call string [mscorlib]System.String::Concat(object, object) ret }
  // Runtime async: a state machine with two awaits and live values, and the continuation convention.
  .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> AsyncAdd(int32 a, int32 b) cil managed async
  {
    ldarg.0 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Objects::AsyncId(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
    ldarg.1 call class [System.Runtime]System.Threading.Tasks.Task`1<int32> Objects::AsyncId(int32) call !!0 [System.Runtime]System.Runtime.CompilerServices.AsyncHelpers::Await<int32>(class [System.Runtime]System.Threading.Tasks.Task`1<!!0>)
    add ldarg.0 mul ret
  }
  .method public static class [System.Runtime]System.Threading.Tasks.Task`1<int32> AsyncId(int32 a) cil managed async { ldarg.0 ret }
  // Stack arguments: past six (x64) / eight (arm64) registers, and a 24-byte struct by value.
  .method public static int64 Nine(int64 a, int32 b, int64 c, int32 d, int64 e, int32 f, int64 g, int32 h, int64 i) cil managed noinlining
  { ldarg.0 ldarg.1 conv.i8 sub ldarg.2 add ldarg.3 conv.i8 sub ldarg.s 4 add ldarg.s 5 conv.i8 sub ldarg.s 6 add ldarg.s 7 conv.i8 sub ldarg.s 8 ldc.i8 100 mul add ret }
  .method public static int64 CallNine(int64 x) cil managed
  { .maxstack 16 ldarg.0 ldc.i4.2 ldc.i8 3 ldc.i4.4 ldarg.0 ldc.i4.6 ldc.i8 7 ldc.i4.8 ldarg.0 call int64 Objects::Nine(int64, int32, int64, int32, int64, int32, int64, int32, int64) ret }
  .method public static int64 SumTriple(valuetype Triple t) cil managed noinlining
  { ldarga.s t ldfld int64 Triple::x ldarga.s t ldfld int64 Triple::z add ret }
  .method public static int64 PassTriple() cil managed
  { ldc.i8 5 call valuetype Triple Objects::MakeTriple(int64) call int64 Objects::SumTriple(valuetype Triple) ret }
}
"""#
}
