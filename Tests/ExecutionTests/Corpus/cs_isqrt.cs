// Integer square roots by Newton's method and by binary search, in int64.
using System;

static class Program
{
    static long Newton(long n)
    {
        if (n < 2) return n;
        long x = n;
        long y = (x + 1) / 2;
        while (y < x) { x = y; y = (x + n / x) / 2; }
        return x;
    }

    static long Bisect(long n)
    {
        long lo = 0, hi = 3037000499L;
        while (lo < hi)
        {
            long mid = lo + (hi - lo + 1) / 2;
            if (mid * mid <= n) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    static void Main()
    {
        Console.WriteLine(Newton(0));
        Console.WriteLine(Newton(1));
        Console.WriteLine(Newton(99));
        Console.WriteLine(Newton(100));
        Console.WriteLine(Newton(long.MaxValue));
        Console.WriteLine(Bisect(99));
        Console.WriteLine(Bisect(1000000000000L));
        Console.WriteLine(Bisect(long.MaxValue));
        int agree = 0;
        for (long i = 0; i < 2000; i += 7) if (Newton(i) == Bisect(i)) agree++;
        Console.WriteLine(agree);
    }
}
