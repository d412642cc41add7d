using System;

// float64 arithmetic, locals and arguments in registers, results across calls.
class Program
{
    static double Hyp2(double a, double b) { return a * a + b * b; }

    static double Poly(double x) { return ((2.0 * x - 3.0) * x + 0.5) * x - 7.25; }

    static double Mix(int i, double d, long l, double e, int j)
    {
        return i * d + l * e - j;
    }

    // Nine float64 arguments: the ninth travels on the stack.
    static double Nine(double a, double b, double c, double d, double e, double f, double g, double h, double k)
    {
        return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * k;
    }

    static double Identity(double v) { return v; }

    // Values live across calls: spilled on x64, kept in d8-d15 on arm64.
    static double AcrossCalls(double a, double b)
    {
        double x = a * 3.0;
        double y = Identity(b) + x;
        double z = Identity(y) * x;
        return x + y + z;
    }

    static void Main()
    {
        Console.WriteLine(Hyp2(3.0, 4.0));
        Console.WriteLine(Poly(1.5));
        Console.WriteLine(Poly(-2.0));
        Console.WriteLine(Mix(3, 0.5, 10L, 0.25, 2));
        Console.WriteLine(Nine(1, 2, 3, 4, 5, 6, 7, 8, 9));
        Console.WriteLine(AcrossCalls(1.5, 2.5));
        double acc = 0;
        for (int i = 1; i <= 10; i++) acc += 1.0 / i;
        Console.WriteLine(acc);
        Console.WriteLine(-acc);
        Console.WriteLine(7.0 % 2.5);
        Console.WriteLine(-7.5 % 2.0);
        Console.WriteLine(1.0 / 3.0);
        Console.WriteLine(2.5 * 4);
        double big = 1e300;
        Console.WriteLine(big * 10);
        Console.WriteLine(-big * 1e10);
        Console.WriteLine(0.5 - 0.25);
    }
}
