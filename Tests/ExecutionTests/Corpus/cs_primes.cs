// Trial-division primality: loops, remainder, early exit; counts and sums primes.
using System;

static class Program
{
    static bool IsPrime(int n)
    {
        if (n < 2) return false;
        if (n % 2 == 0) return n == 2;
        for (int d = 3; d * d <= n; d += 2)
            if (n % d == 0) return false;
        return true;
    }

    static int NthPrime(int k)
    {
        int n = 1;
        while (k > 0) { n++; if (IsPrime(n)) k--; }
        return n;
    }

    static void Main()
    {
        int count = 0;
        long sum = 0;
        for (int i = 0; i < 5000; i++)
            if (IsPrime(i)) { count++; sum += i; }
        Console.WriteLine(count);
        Console.WriteLine(sum);
        Console.WriteLine(NthPrime(1));
        Console.WriteLine(NthPrime(100));
        Console.WriteLine(NthPrime(1000));
        Console.WriteLine(IsPrime(2147483647));
        Console.WriteLine(IsPrime(2147483646));
    }
}
