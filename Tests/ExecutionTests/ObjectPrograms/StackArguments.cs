// Arguments past the registers (six on x64, eight on arm64) and structs over 16 bytes by value.
using System;

struct Big { public int A, B, C, D, E; public long F; }

class Box {
    public long Total;
    public Box(long a, long b, long c, long d, long e, long f, long g) { Total = a + b + c + d + e + f + g; }
    public virtual long Mix(Big x, int k, int l, int m, int n, int o, int p) { return Total + x.F + k * l + m * n + o * p; }
}

class Program {
    static int Seven(int a, int b, int c, int d, int e, int f, int g) { return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g; }
    static long Nine(long a, int b, long c, int d, long e, int f, long g, int h, long i) { return a - b + c - d + e - f + g - h + i * 100; }
    static int Sum(Big x) { return x.A + x.B + x.C + x.D + x.E + (int)x.F; }
    static Big Make(int k) { Big b; b.A = k; b.B = k + 1; b.C = k + 2; b.D = k + 3; b.E = k + 4; b.F = 1000; return b; }
    static int Down(int n, int a, int b, int c, int d, int e, int f, int g) {
        if (n == 0) return a + b + c + d + e + f + g;
        return Down(n - 1, b, c, d, e, f, g, a + 1);
    }
    int field = 5;
    int Inst(int a, int b, int c, int d, int e, int f, int g, int h) { return field + a + b + c + d + e + f + g + h; }

    static void Main() {
        Console.WriteLine(Seven(1, 2, 3, 4, 5, 6, 7));
        Console.WriteLine(Nine(1, 2, 3, 4, 5, 6, 7, 8, 9));
        Console.WriteLine(Sum(Make(10)));
        Console.WriteLine(new Program().Inst(1, 2, 3, 4, 5, 6, 7, 8));
        Console.WriteLine(Down(20, 1, 2, 3, 4, 5, 6, 7));
        Box box = new Box(1, 2, 3, 4, 5, 6, 7);
        Console.WriteLine(box.Total);
        Console.WriteLine(box.Mix(Make(1), 2, 3, 4, 5, 6, 7));
    }
}
