// Integer conversions from int64: truncation to every smaller width, signed and unsigned.
using System;

static class Program
{
    static int ToSByte(long v) { return (sbyte)v; }
    static int ToByte(long v) { return (byte)v; }
    static int ToShort(long v) { return (short)v; }
    static int ToUShort(long v) { return (ushort)v; }
    static int ToInt(long v) { return (int)v; }
    static long ToUInt(long v) { return (uint)v; }
    static long RoundTrip(long v) { return (long)(int)v; }

    static void Row(long v)
    {
        Console.Write(ToSByte(v)); Console.Write(" ");
        Console.Write(ToByte(v)); Console.Write(" ");
        Console.Write(ToShort(v)); Console.Write(" ");
        Console.Write(ToUShort(v)); Console.Write(" ");
        Console.Write(ToInt(v)); Console.Write(" ");
        Console.Write(ToUInt(v)); Console.Write(" ");
        Console.WriteLine(RoundTrip(v));
    }

    static void Main()
    {
        Row(0L);
        Row(-1L);
        Row(0xFFL);
        Row(0x180L);
        Row(0xFFFFL);
        Row(0x18000L);
        Row(0x7FFFFFFFL);
        Row(0x80000000L);
        Row(0xFFFFFFFFL);
        Row(0x100000000L);
        Row(0x123456789ABCDEF0L);
        Row(long.MinValue);
        Row(long.MaxValue);
        Row(-0x80000001L);
    }
}
