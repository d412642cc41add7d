// Unsigned comparisons (clt.un, cgt.un, unsigned branches) of uint and ulong at the boundaries.
using System;

static class Program
{
    static bool Lt(uint a, uint b) { return a < b; }
    static bool Le(uint a, uint b) { return a <= b; }
    static bool Gt(uint a, uint b) { return a > b; }
    static bool Ge(uint a, uint b) { return a >= b; }
    static bool LLt(ulong a, ulong b) { return a < b; }
    static bool LLe(ulong a, ulong b) { return a <= b; }
    static bool LGt(ulong a, ulong b) { return a > b; }
    static bool LGe(ulong a, ulong b) { return a >= b; }

    static int Classify(uint a, uint b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        return 0;
    }

    static int LClassify(ulong a, ulong b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        return 0;
    }

    static void All(uint a, uint b)
    {
        Console.Write(Lt(a, b)); Console.Write(" ");
        Console.Write(Le(a, b)); Console.Write(" ");
        Console.Write(Gt(a, b)); Console.Write(" ");
        Console.Write(Ge(a, b)); Console.Write(" ");
        Console.WriteLine(Classify(a, b));
    }

    static void LAll(ulong a, ulong b)
    {
        Console.Write(LLt(a, b)); Console.Write(" ");
        Console.Write(LLe(a, b)); Console.Write(" ");
        Console.Write(LGt(a, b)); Console.Write(" ");
        Console.Write(LGe(a, b)); Console.Write(" ");
        Console.WriteLine(LClassify(a, b));
    }

    static void Main()
    {
        All(0u, 0xFFFFFFFFu);
        All(0xFFFFFFFFu, 0u);
        All(0x7FFFFFFFu, 0x80000000u);
        All(0x80000000u, 0x7FFFFFFFu);
        All(0xFFFFFFFFu, 0xFFFFFFFFu);
        All(1u, 2u);
        LAll(0ul, 0xFFFFFFFFFFFFFFFFul);
        LAll(0xFFFFFFFFFFFFFFFFul, 0ul);
        LAll(0x7FFFFFFFFFFFFFFFul, 0x8000000000000000ul);
        LAll(0x8000000000000000ul, 0x8000000000000000ul);
        LAll(0xFFFFFFFFul, 0x100000000ul);
    }
}
