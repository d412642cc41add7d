using System;

// Integer <-> floating-point conversions in range (the same on every runtime).
class Program
{
    static double D(double v) { return v; }

    static void Main()
    {
        int i = -7;
        long l = 1L << 53;
        uint u = 4000000000u;
        ulong ul = 18000000000000000000UL;
        Console.WriteLine((double)i);
        Console.WriteLine((double)l);
        Console.WriteLine((double)u);
        Console.WriteLine((double)ul);
        Console.WriteLine((float)i);
        Console.WriteLine((int)D(3.99));
        Console.WriteLine((int)D(-3.99));
        Console.WriteLine((long)D(1e15));
        Console.WriteLine((uint)D(3000000000.5));
        Console.WriteLine((ulong)D(1e19));
        Console.WriteLine((short)D(-123.9));
        Console.WriteLine((byte)D(200.7));
        Console.WriteLine((char)D(65.2));
        float f = 1.1f;
        double back = f;
        Console.WriteLine(back == 1.1);
        Console.WriteLine((float)back == f);
        Console.WriteLine(f * 3);
        Console.WriteLine((double)(f * 3));
        Console.WriteLine(Math.Sqrt(2.0));
        Console.WriteLine(Math.Abs(-2.5));
        Console.WriteLine(Math.Floor(-2.5));
        Console.WriteLine(Math.Ceiling(-2.5));
        Console.WriteLine(Math.Round(2.5));
        Console.WriteLine(Math.Round(3.5));
        Console.WriteLine(Math.Round(-2.5));
        Console.WriteLine(Math.Pow(2.0, 10.0));
        Console.WriteLine(Math.Max(1.5, -1.5));
        Console.WriteLine(Math.Min(1.5, -1.5));
        try { checked { Console.WriteLine((int)D(1e10)); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
        try { checked { Console.WriteLine((byte)D(255.9)); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
        try { checked { Console.WriteLine((uint)D(-1.0)); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
    }
}
