using System;

// Delegates with float32/float64 arguments and results: static and instance targets, lambdas,
// a multicast delegate (every target sees the same floating-point arguments).
class Scaler
{
    double factor;
    public Scaler(double f) { factor = f; }
    public double Scale(double v) { return v * factor; }
    public void Print(double a, int n, float b) { Console.WriteLine(a * factor + n + b); }
}

class Program
{
    delegate double Op(double a, double b);
    delegate float Mix(int i, float f, double d);

    static double Add(double a, double b) { return a + b; }
    static float Blend(int i, float f, double d) { return i + f * (float)d; }
    static void Show(double a, int n, float b) { Console.WriteLine(a - n - b); }

    static void Main()
    {
        Op op = Add;
        Console.WriteLine(op(1.5, 2.25));
        Func<double, double> sq = v => v * v;
        Console.WriteLine(sq(1.5));
        Func<double, double> scale = new Scaler(4).Scale;
        Console.WriteLine(scale(0.125));
        Mix mix = Blend;
        Console.WriteLine(mix(2, 1.5f, 3.0));
        Action<double, int, float> all = Show;
        all += new Scaler(2).Print;
        all += Show;
        all(10.5, 3, 0.25f);
    }
}
