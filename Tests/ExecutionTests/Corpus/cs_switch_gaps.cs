// Switches with gaps, fallthrough-by-goto, sparse cases, negative cases and a default.
using System;

static class Program
{
    static int Gaps(int x)
    {
        switch (x)
        {
            case -3: return 1;
            case -1: return 2;
            case 0: return 3;
            case 2: return 4;
            case 3: return 5;
            case 7: return 6;
            case 10: return 7;
            default: return 0;
        }
    }

    static int Sparse(int x)
    {
        switch (x)
        {
            case 1: return 10;
            case 100: return 20;
            case 1000: return 30;
            case 100000: return 40;
            case -100000: return 50;
            default: return 60;
        }
    }

    static long Accumulate(long v, int k)
    {
        long acc = v;
        switch (k)
        {
            case 0: acc += 1; break;
            case 1:
            case 2: acc *= 3; break;
            case 5: acc -= 9; goto case 0;
            case 6: acc = -acc; goto default;
            default: acc ^= 0x55; break;
        }
        return acc;
    }

    static void Main()
    {
        for (int i = -4; i <= 11; i++) { Console.Write(Gaps(i)); Console.Write(" "); }
        Console.WriteLine();
        Console.WriteLine(Sparse(1));
        Console.WriteLine(Sparse(100));
        Console.WriteLine(Sparse(1000));
        Console.WriteLine(Sparse(100000));
        Console.WriteLine(Sparse(-100000));
        Console.WriteLine(Sparse(99));
        for (int k = -1; k <= 7; k++) Console.WriteLine(Accumulate(1000, k));
    }
}
