// C# shifts: the compiler masks variable counts (& 31 / & 63); >> is arithmetic on signed, logical on unsigned.
using System;

static class Program
{
    static int Shl(int v, int n) { return v << n; }
    static int Shr(int v, int n) { return v >> n; }
    static uint ShrU(uint v, int n) { return v >> n; }
    static long LShl(long v, int n) { return v << n; }
    static long LShr(long v, int n) { return v >> n; }
    static ulong LShrU(ulong v, int n) { return v >> n; }

    static void Main()
    {
        int c = 31;
        while (c <= 33)
        {
            Console.WriteLine(Shl(1, c));
            Console.WriteLine(Shr(int.MinValue, c));
            Console.WriteLine((long)ShrU(0x80000000u, c));
            c++;
        }
        Console.WriteLine(LShl(1L, 63));
        Console.WriteLine(LShl(1L, 64));
        Console.WriteLine(LShl(3L, 65));
        Console.WriteLine(LShr(long.MinValue, 63));
        Console.WriteLine(LShr(long.MinValue, 64));
        Console.WriteLine((long)LShrU(0x8000000000000000ul, 63));
        Console.WriteLine((long)LShrU(0x8000000000000000ul, 64));
        Console.WriteLine(LShl(0x12345678L, 32));
        Console.WriteLine(LShr(-4096L, 4));
        Console.WriteLine((long)LShrU(0xFFFFFFFFFFFFFFFFul, 4));
        Console.WriteLine(Shl(0x12345678, 4));
    }
}
