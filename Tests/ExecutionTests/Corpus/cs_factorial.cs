// Recursive and iterative factorial in int32 (wraps past 12!) and int64 (exact up to 20!).
using System;

static class Program
{
    static int Fact(int n) { return n <= 1 ? 1 : n * Fact(n - 1); }
    static long LFact(long n) { if (n <= 1) return 1; return n * LFact(n - 1); }

    static long IterFact(int n)
    {
        long r = 1;
        for (int i = 2; i <= n; i++) r *= i;
        return r;
    }

    static void Main()
    {
        for (int i = 0; i <= 14; i++) Console.WriteLine(Fact(i));
        Console.WriteLine(LFact(20));
        Console.WriteLine(LFact(21));
        Console.WriteLine(IterFact(20));
        Console.WriteLine(IterFact(25));
    }
}
