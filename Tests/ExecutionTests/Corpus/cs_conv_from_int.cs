// Integer conversions from int32: truncation with sign or zero extension.
using System;

static class Program
{
    static int ToSByte(int v) { return (sbyte)v; }
    static int ToByte(int v) { return (byte)v; }
    static int ToShort(int v) { return (short)v; }
    static int ToUShort(int v) { return (ushort)v; }
    static long ToLong(int v) { return (long)v; }
    static long ToULongAsLong(int v) { return (long)(ulong)(uint)v; }
    static long ToUIntAsLong(int v) { return (long)(uint)v; }
    static long SignedToULong(int v) { return (long)(ulong)v; }

    static void Row(int v)
    {
        Console.Write(ToSByte(v)); Console.Write(" ");
        Console.Write(ToByte(v)); Console.Write(" ");
        Console.Write(ToShort(v)); Console.Write(" ");
        Console.Write(ToUShort(v)); Console.Write(" ");
        Console.Write(ToLong(v)); Console.Write(" ");
        Console.Write(ToULongAsLong(v)); Console.Write(" ");
        Console.Write(ToUIntAsLong(v)); Console.Write(" ");
        Console.WriteLine(SignedToULong(v));
    }

    static void Main()
    {
        Row(0);
        Row(1);
        Row(-1);
        Row(127);
        Row(128);
        Row(255);
        Row(256);
        Row(-129);
        Row(32767);
        Row(32768);
        Row(65535);
        Row(-32769);
        Row(int.MaxValue);
        Row(int.MinValue);
        Row(0x12345678);
        Row(unchecked((int)0xCAFEBABE));
    }
}
