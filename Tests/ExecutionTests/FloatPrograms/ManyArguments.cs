// Many arguments of both classes: ten doubles, a float and eight integers, so that each class
// runs out of registers on its own and the rest go to the stack; float32 arithmetic.
using System;
class Program
{
    static double Many(double a, int i, double b, long j, double c, int k, double d, int l, double e, int m, double f, int n, double g, int o, double h, double p, double q, float r)
    {
        return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*p + 10*q + 11*r + i - j + k - l + m - n + o;
    }
    static float Single(float x, float y) { return x * y - x / y; }
    static void Main()
    {
        Console.WriteLine(Many(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11.5f));
        Console.WriteLine(Single(1.5f, 0.25f));
        float acc = 0; for (int t = 0; t < 10; t++) acc += 0.1f;
        Console.WriteLine(acc);
        Console.WriteLine(acc == 1.0f);
    }
}
