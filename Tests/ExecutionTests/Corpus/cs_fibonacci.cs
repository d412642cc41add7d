// Fibonacci: naive double recursion, iteration in int64, and the int32 wrap-around of fib(47).
using System;

static class Program
{
    static int Fib(int n) { return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }

    static long LFib(int n)
    {
        long a = 0, b = 1;
        for (int i = 0; i < n; i++) { long t = a + b; a = b; b = t; }
        return a;
    }

    static int IFib(int n)
    {
        int a = 0, b = 1;
        while (n-- > 0) { int t = a + b; a = b; b = t; }
        return a;
    }

    static void Main()
    {
        Console.WriteLine(Fib(0));
        Console.WriteLine(Fib(1));
        Console.WriteLine(Fib(10));
        Console.WriteLine(Fib(24));
        Console.WriteLine(LFib(50));
        Console.WriteLine(LFib(92));
        Console.WriteLine(IFib(46));
        Console.WriteLine(IFib(47));
    }
}
