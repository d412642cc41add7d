// int32 add/sub/mul/neg wrap around at the limits (C# is unchecked by default).
using System;

static class Program
{
    static int Add(int a, int b) { return a + b; }
    static int Sub(int a, int b) { return a - b; }
    static int Mul(int a, int b) { return a * b; }
    static int Neg(int a) { return -a; }

    static void Main()
    {
        Console.WriteLine(Add(int.MaxValue, 1));
        Console.WriteLine(Add(int.MaxValue, int.MaxValue));
        Console.WriteLine(Add(int.MinValue, -1));
        Console.WriteLine(Add(int.MinValue, int.MinValue));
        Console.WriteLine(Sub(int.MinValue, 1));
        Console.WriteLine(Sub(int.MaxValue, -1));
        Console.WriteLine(Sub(0, int.MinValue));
        Console.WriteLine(Mul(int.MaxValue, 2));
        Console.WriteLine(Mul(int.MinValue, -1));
        Console.WriteLine(Mul(65536, 65536));
        Console.WriteLine(Mul(46341, 46341));
        Console.WriteLine(Mul(-123456789, 987654321));
        Console.WriteLine(Neg(int.MinValue));
        Console.WriteLine(Neg(int.MaxValue));
        Console.WriteLine(Mul(Add(int.MaxValue, 3), Sub(int.MinValue, 5)));
    }
}
