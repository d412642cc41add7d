// Collatz sequences in int64: a data-dependent loop with division and multiplication.
using System;

static class Program
{
    static int Steps(long n)
    {
        int steps = 0;
        while (n != 1)
        {
            if ((n & 1) == 0) n /= 2; else n = 3 * n + 1;
            steps++;
        }
        return steps;
    }

    static long Peak(long n)
    {
        long peak = n;
        while (n != 1)
        {
            n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
            if (n > peak) peak = n;
        }
        return peak;
    }

    static void Main()
    {
        Console.WriteLine(Steps(1));
        Console.WriteLine(Steps(27));
        Console.WriteLine(Peak(27));
        Console.WriteLine(Steps(837799));
        int best = 0, bestN = 0;
        for (int i = 1; i < 3000; i++)
        {
            int s = Steps(i);
            if (s > best) { best = s; bestN = i; }
        }
        Console.WriteLine(bestN);
        Console.WriteLine(best);
        Console.WriteLine(Peak(9780657630L));
    }
}
