using System;

// Out-of-range and NaN conversions to integers: .NET 9 saturates (NaN -> 0, too large -> MaxValue,
// too small -> MinValue); conversions to small types saturate to int32 first, then truncate.
class Program
{
    static double D(double v) { return v; }
    static float F(float v) { return v; }

    static void Main()
    {
        double nan = D(0.0) / D(0.0);
        double inf = D(1.0) / D(0.0);
        Console.WriteLine((int)nan);
        Console.WriteLine((int)D(1e10));
        Console.WriteLine((int)D(-1e10));
        Console.WriteLine((int)inf);
        Console.WriteLine((int)(-inf));
        Console.WriteLine((uint)D(-1.0));
        Console.WriteLine((uint)D(1e10));
        Console.WriteLine((uint)nan);
        Console.WriteLine((long)D(1e19));
        Console.WriteLine((long)D(-1e19));
        Console.WriteLine((long)nan);
        Console.WriteLine((ulong)D(-5.0));
        Console.WriteLine((ulong)D(1e20));
        Console.WriteLine((ulong)nan);
        Console.WriteLine((short)D(1e6));
        Console.WriteLine((byte)D(300.0));
        Console.WriteLine((sbyte)D(-1e10));
        Console.WriteLine((int)F(3e9f));
        Console.WriteLine((long)F(-1e30f));
        Console.WriteLine((int)D(2147483647.9));
        Console.WriteLine((int)D(-2147483648.9));
        try { checked { Console.WriteLine((int)nan); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
        try { checked { Console.WriteLine((long)D(9.3e18)); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
        try { checked { Console.WriteLine((ulong)D(1.8e19)); } }
        catch (OverflowException) { Console.WriteLine("overflow"); }
    }
}
