// Bit manipulation: and/or/xor/not, popcount, bit reversal, rotations, lowest set bit.
using System;

static class Program
{
    static int PopCount(uint v)
    {
        int c = 0;
        while (v != 0) { v &= v - 1; c++; }
        return c;
    }

    static int PopCount64(ulong v)
    {
        v = v - ((v >> 1) & 0x5555555555555555ul);
        v = (v & 0x3333333333333333ul) + ((v >> 2) & 0x3333333333333333ul);
        v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Ful;
        return (int)((v * 0x0101010101010101ul) >> 56);
    }

    static uint Reverse(uint v)
    {
        uint r = 0;
        for (int i = 0; i < 32; i++) { r = (r << 1) | (v & 1); v >>= 1; }
        return r;
    }

    static uint RotL(uint v, int n) { return (v << n) | (v >> (32 - n)); }
    static ulong RotL64(ulong v, int n) { return (v << n) | (v >> (64 - n)); }
    static int Lowest(int v) { return v & -v; }

    static void Main()
    {
        Console.WriteLine(PopCount(0u));
        Console.WriteLine(PopCount(0xFFFFFFFFu));
        Console.WriteLine(PopCount(0xDEADBEEFu));
        Console.WriteLine(PopCount64(0xFFFFFFFFFFFFFFFFul));
        Console.WriteLine(PopCount64(0x8000000000000001ul));
        Console.WriteLine(PopCount64(0x0123456789ABCDEFul));
        Console.WriteLine((long)Reverse(1u));
        Console.WriteLine((long)Reverse(0x12345678u));
        Console.WriteLine((long)RotL(0x80000001u, 1));
        Console.WriteLine((long)RotL(0x12345678u, 8));
        Console.WriteLine((long)RotL64(0x8000000000000001ul, 4));
        Console.WriteLine(Lowest(96));
        Console.WriteLine(Lowest(int.MinValue));
        Console.WriteLine(~0);
        Console.WriteLine(~0x0F0F0F0FL);
        Console.WriteLine((0x5A5A & 0x0FF0) | (0x1234 ^ 0xFFFF));
    }
}
