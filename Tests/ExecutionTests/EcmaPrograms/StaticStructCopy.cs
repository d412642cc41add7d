using System;
struct Pair { public int X; public long Y; }
struct Big { public long A, B, C, D; }
class Program {
    static Pair s;
    static Big big;
    static int Main() {
        s.X = 5; s.Y = 7;
        Pair l = s;
        Console.WriteLine(l.X + l.Y);
        big.A = 1; big.B = 2; big.C = 3; big.D = 4;
        Big b = big;
        Console.WriteLine(b.A + b.B + b.C + b.D);
        s = l; s.X = 10;
        Console.WriteLine(s.X + l.X);
        return 100;
    }
}
