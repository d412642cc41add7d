// int64 add/sub/mul/neg wrap around at the limits.
using System;

static class Program
{
    static long Add(long a, long b) { return a + b; }
    static long Sub(long a, long b) { return a - b; }
    static long Mul(long a, long b) { return a * b; }
    static long Neg(long a) { return -a; }

    static void Main()
    {
        Console.WriteLine(Add(long.MaxValue, 1));
        Console.WriteLine(Add(long.MaxValue, long.MaxValue));
        Console.WriteLine(Add(long.MinValue, -1));
        Console.WriteLine(Sub(long.MinValue, 1));
        Console.WriteLine(Sub(0, long.MinValue));
        Console.WriteLine(Mul(long.MaxValue, 2));
        Console.WriteLine(Mul(long.MinValue, -1));
        Console.WriteLine(Mul(4294967296L, 4294967296L));
        Console.WriteLine(Mul(3037000500L, 3037000500L));
        Console.WriteLine(Mul(-1234567890123L, 9876543210987L));
        Console.WriteLine(Neg(long.MinValue));
        Console.WriteLine(Add(int.MaxValue, 1));
        Console.WriteLine(Mul(int.MaxValue, int.MaxValue));
        Console.WriteLine(Add(0x7FFFFFFFFFFF0000L, 0x10000L));
    }
}
