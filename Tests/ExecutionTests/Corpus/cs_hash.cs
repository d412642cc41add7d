// Hash functions that rely on wrap-around: djb2 in int32, FNV-1a in uint64, xorshift in uint32.
using System;

static class Program
{
    static int Djb2(int seed, int rounds)
    {
        int h = 5381;
        for (int i = 0; i < rounds; i++) h = ((h << 5) + h) ^ (seed + i);
        return h;
    }

    static ulong Fnv1a(long v)
    {
        ulong h = 14695981039346656037ul;
        for (int i = 0; i < 8; i++)
        {
            h ^= (ulong)(v & 0xFF);
            h *= 1099511628211ul;
            v >>= 8;
        }
        return h;
    }

    static uint XorShift(uint x)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }

    static void Main()
    {
        Console.WriteLine(Djb2(0, 10));
        Console.WriteLine(Djb2(1000, 1000));
        Console.WriteLine((long)Fnv1a(0));
        Console.WriteLine((long)Fnv1a(0x0123456789ABCDEFL));
        Console.WriteLine((long)Fnv1a(-1));
        uint x = 2463534242u;
        for (int i = 0; i < 5; i++) { x = XorShift(x); Console.WriteLine((long)x); }
    }
}
