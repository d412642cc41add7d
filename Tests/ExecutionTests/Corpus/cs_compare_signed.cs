// Signed comparisons of int32 and int64 at the boundaries, as bool values.
using System;

static class Program
{
    static bool Lt(int a, int b) { return a < b; }
    static bool Le(int a, int b) { return a <= b; }
    static bool Gt(int a, int b) { return a > b; }
    static bool Ge(int a, int b) { return a >= b; }
    static bool Eq(int a, int b) { return a == b; }
    static bool Ne(int a, int b) { return a != b; }
    static bool LLt(long a, long b) { return a < b; }
    static bool LGe(long a, long b) { return a >= b; }
    static bool LEq(long a, long b) { return a == b; }
    static bool LGt(long a, long b) { return a > b; }

    static void All(int a, int b)
    {
        Console.Write(Lt(a, b)); Console.Write(" ");
        Console.Write(Le(a, b)); Console.Write(" ");
        Console.Write(Gt(a, b)); Console.Write(" ");
        Console.Write(Ge(a, b)); Console.Write(" ");
        Console.Write(Eq(a, b)); Console.Write(" ");
        Console.WriteLine(Ne(a, b));
    }

    static void Main()
    {
        All(int.MinValue, int.MaxValue);
        All(int.MaxValue, int.MinValue);
        All(-1, 0);
        All(0, -1);
        All(int.MinValue, int.MinValue);
        All(int.MaxValue, int.MaxValue);
        All(-1, 1);
        Console.WriteLine(LLt(long.MinValue, long.MaxValue));
        Console.WriteLine(LLt(long.MaxValue, long.MinValue));
        Console.WriteLine(LGe(-1L, 0L));
        Console.WriteLine(LGe(0L, -1L));
        Console.WriteLine(LEq(0x100000000L, 0L));
        Console.WriteLine(LEq(long.MinValue, long.MinValue));
        Console.WriteLine(LGt(0x100000000L, 0xFFFFFFFFL));
        Console.WriteLine(LGt(-0x100000000L, -0xFFFFFFFFL));
    }
}
