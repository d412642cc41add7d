// for, while and do loops, nested, with break and continue.
using System;

static class Program
{
    static int SumTo(int n)
    {
        int s = 0;
        for (int i = 1; i <= n; i++) s += i;
        return s;
    }

    static long SumSquares(int n)
    {
        long s = 0;
        int i = 0;
        while (i < n) { s += (long)i * i; i++; }
        return s;
    }

    static int CountDown(int n)
    {
        int steps = 0;
        do { n -= 3; steps++; } while (n > 0);
        return steps;
    }

    static int Nested(int n)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    if (((i ^ j) & k) == 1) count++;
        return count;
    }

    static int BreakContinue(int n)
    {
        int s = 0;
        for (int i = 0; ; i++)
        {
            if (i % 3 == 0) continue;
            if (i > n) break;
            s += i;
        }
        return s;
    }

    static void Main()
    {
        Console.WriteLine(SumTo(100));
        Console.WriteLine(SumTo(0));
        Console.WriteLine(SumSquares(1000));
        Console.WriteLine(CountDown(10));
        Console.WriteLine(CountDown(-5));
        Console.WriteLine(Nested(10));
        Console.WriteLine(BreakContinue(50));
        for (int i = 0; i < 5; i++) { Console.Write(i); Console.Write(","); }
        Console.WriteLine();
    }
}
