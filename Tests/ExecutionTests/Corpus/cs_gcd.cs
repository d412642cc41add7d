// Euclid's algorithm, recursive and iterative, plus binary gcd and lcm in int64.
using System;

static class Program
{
    static int Gcd(int a, int b) { return b == 0 ? a : Gcd(b, a % b); }

    static long LGcd(long a, long b)
    {
        while (b != 0) { long t = a % b; a = b; b = t; }
        return a;
    }

    static uint BinaryGcd(uint a, uint b)
    {
        if (a == 0) return b;
        if (b == 0) return a;
        int shift = 0;
        while (((a | b) & 1) == 0) { a >>= 1; b >>= 1; shift++; }
        while ((a & 1) == 0) a >>= 1;
        do
        {
            while ((b & 1) == 0) b >>= 1;
            if (a > b) { uint t = a; a = b; b = t; }
            b -= a;
        } while (b != 0);
        return a << shift;
    }

    static long Lcm(long a, long b) { return a / LGcd(a, b) * b; }

    static void Main()
    {
        Console.WriteLine(Gcd(48, 18));
        Console.WriteLine(Gcd(17, 5));
        Console.WriteLine(Gcd(0, 9));
        Console.WriteLine(Gcd(-48, 18));
        Console.WriteLine(LGcd(1134903170L, 701408733L));
        Console.WriteLine(LGcd(600851475143L, 6857L * 71L));
        Console.WriteLine((long)BinaryGcd(3221225472u, 1610612736u));
        Console.WriteLine((long)BinaryGcd(0u, 12u));
        Console.WriteLine((long)BinaryGcd(270u, 192u));
        long l = 1;
        for (long i = 1; i <= 30; i++) l = Lcm(l, i);
        Console.WriteLine(l);
    }
}
