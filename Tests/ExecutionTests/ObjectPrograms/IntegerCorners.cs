using System;

class Program {
    static int Shl(int v, int n) { return v << n; }
    static int Shr(int v, int n) { return v >> n; }
    static uint UShr(uint v, int n) { return v >> n; }
    static long LShl(long v, int n) { return v << n; }
    static ulong ULShr(ulong v, int n) { return v >> n; }

    static void Main() {
        uint u = 4000000000;
        Console.WriteLine(u);
        Console.WriteLine(u + 500000000u);
        Console.WriteLine(u / 3);
        Console.WriteLine(u % 7);
        Console.WriteLine((int)u);
        ulong ul = 18000000000000000000UL;
        Console.WriteLine(ul);
        Console.WriteLine(ul / 7);
        Console.WriteLine(ul % 1000);
        Console.WriteLine((long)ul);
        byte by = 250;
        by += 10;
        Console.WriteLine(by);
        sbyte sb = 127;
        sb++;
        Console.WriteLine(sb);
        short sh = 32767;
        sh += 2;
        Console.WriteLine(sh);
        ushort us = 65535;
        us++;
        Console.WriteLine(us);
        int v300 = 300, v200 = 200, v70k = 70000;
        Console.WriteLine((byte)v300);
        Console.WriteLine((sbyte)v200);
        Console.WriteLine((short)v70k);
        Console.WriteLine((ushort)(v200 - 201));
        int neg = -1;
        Console.WriteLine((uint)neg);
        Console.WriteLine((ulong)neg);
        Console.WriteLine((long)(uint)neg);
        for (int i = 0; i < 40; i += 13) {
            Console.WriteLine(Shl(1, i) + " " + Shr(-256, i) + " " + UShr(0x80000000, i) + " " + LShl(1, i + 20) + " " + ULShr(ulong.MaxValue, i));
        }
        Console.WriteLine(Shl(1, 33));
        Console.WriteLine(0xF0 & 0x3C);
        Console.WriteLine(0xF0 | 0x0F);
        Console.WriteLine(0xFF ^ 0x0F);
        Console.WriteLine(~5);
        Console.WriteLine(~0u);
        char c = 'a';
        c += (char)2;
        Console.WriteLine(c);
        Console.WriteLine(c + 1);
        Console.WriteLine((char)(c + 1));
        Console.WriteLine('z' - 'a');
        char up = (char)('q' - 32);
        Console.WriteLine(up);
        long big = 3000000000L;
        Console.WriteLine(big * 3);
        Console.WriteLine(big * -4000000000L);
        Console.WriteLine(-big / 7);
        Console.WriteLine(-big % 7);
        Console.WriteLine(-7 % 3);
        Console.WriteLine(7 % -3);
        Console.WriteLine(-7 / 2);
        Console.WriteLine(int.MinValue);
        Console.WriteLine(long.MinValue);
        int mx = int.MaxValue;
        Console.WriteLine(mx + 1 == int.MinValue);
        Console.WriteLine(unchecked(mx * 2));
        int m = 46341;
        long wide = (long)m * m;
        Console.WriteLine(wide);
        Console.WriteLine(checked(1000 * 1000));
        byte bb = 200;
        Console.WriteLine(checked((byte)(bb - 100)));
        int counter = int.MaxValue - 2;
        for (int i = 0; i < 5; i++) {
            counter = checked(counter + 1);
            Console.WriteLine(counter);
        }
        return;
    }
}
