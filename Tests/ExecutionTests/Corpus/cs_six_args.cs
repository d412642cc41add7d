// Calls with up to six arguments mixing int, long and bool; argument order must be kept.
using System;

static class Program
{
    static long Six(int a, long b, int c, long d, int e, long f)
    {
        return a - b * 2 + c * 3 - d * 4 + e * 5 - f * 6;
    }

    static int Pick(bool first, int a, int b, int c, int d, int e)
    {
        return first ? a * 10000 + b * 1000 + c * 100 + d * 10 + e : e * 10000 + d * 1000 + c * 100 + b * 10 + a;
    }

    static long Nest(int a, int b, int c, int d, int e, int f)
    {
        if (a == 0) return b + c + d + e + f;
        return Nest(a - 1, f, b, c, d, e) * 2 + a;
    }

    static void Main()
    {
        Console.WriteLine(Six(1, 2, 3, 4, 5, 6));
        Console.WriteLine(Six(int.MaxValue, long.MinValue, -1, 1L << 40, 7, -3));
        Console.WriteLine(Pick(true, 1, 2, 3, 4, 5));
        Console.WriteLine(Pick(false, 1, 2, 3, 4, 5));
        Console.WriteLine(Nest(5, 1, 2, 3, 4, 5));
        Console.WriteLine(Six(Pick(true, 9, 8, 7, 6, 5), Six(1, 1, 1, 1, 1, 1), 3, 4, Pick(false, 1, 0, 0, 0, 0), 6));
    }
}
