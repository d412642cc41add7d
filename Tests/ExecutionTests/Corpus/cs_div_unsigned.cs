// Unsigned division and remainder (div.un / rem.un) on large values; printed through signed casts.
using System;

static class Program
{
    static uint UDiv(uint a, uint b) { return a / b; }
    static uint URem(uint a, uint b) { return a % b; }
    static ulong ULDiv(ulong a, ulong b) { return a / b; }
    static ulong ULRem(ulong a, ulong b) { return a % b; }

    static void Main()
    {
        Console.WriteLine((long)UDiv(0xFFFFFFFFu, 7u));
        Console.WriteLine((long)URem(0xFFFFFFFFu, 7u));
        Console.WriteLine((long)UDiv(0x80000000u, 2u));
        Console.WriteLine((long)URem(0x80000001u, 0x80000000u));
        Console.WriteLine((long)UDiv(0xFFFFFFFFu, 0xFFFFFFFFu));
        Console.WriteLine((long)UDiv(5u, 0xFFFFFFFFu));
        Console.WriteLine((int)UDiv(0xFFFFFFFEu, 1u));
        Console.WriteLine((long)ULDiv(0xFFFFFFFFFFFFFFFFul, 10ul));
        Console.WriteLine((long)ULRem(0xFFFFFFFFFFFFFFFFul, 10ul));
        Console.WriteLine((long)ULDiv(0x8000000000000000ul, 3ul));
        Console.WriteLine((long)ULRem(0x8000000000000000ul, 3ul));
        Console.WriteLine((long)ULDiv(0xFFFFFFFFFFFFFFFFul, 0x100000000ul));
        Console.WriteLine((long)ULDiv(0xFFFFFFFFFFFFFFFEul, 1ul));
        Console.WriteLine((long)ULRem(12345ul, 0xFFFFFFFFFFFFFFFFul));
        uint x = 0xDEADBEEFu;
        int digits = 0;
        while (x != 0) { x = x / 10u; digits++; }
        Console.WriteLine(digits);
    }
}
