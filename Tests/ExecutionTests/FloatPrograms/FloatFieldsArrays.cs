using System;

// float32/float64 in static and instance fields, arrays, structs and boxes.
struct Point
{
    public double X, Y;
    public Point(double x, double y) { X = x; Y = y; }
    public double Length2() { return X * X + Y * Y; }
}

class Body
{
    public double Mass;
    public float Charge;
    public Body(double m, float c) { Mass = m; Charge = c; }
    public virtual double Weight(double g) { return Mass * g; }
}

class Heavy : Body
{
    public Heavy(double m) : base(m, 0.5f) { }
    public override double Weight(double g) { return 2 * Mass * g; }
}

class Program
{
    static double total;
    static float scale = 0.25f;

    static double Sum(double[] xs)
    {
        double s = 0;
        foreach (double x in xs) s += x;
        return s;
    }

    static void Main()
    {
        double[] a = new double[5];
        for (int i = 0; i < a.Length; i++) a[i] = i * 1.5;
        Console.WriteLine(Sum(a));
        float[] f = { 1.5f, 2.25f, -3f };
        float fs = 0;
        for (int i = 0; i < f.Length; i++) fs += f[i] * scale;
        Console.WriteLine(fs);
        Point p = new Point(3, 4);
        Console.WriteLine(p.Length2());
        Body[] bodies = { new Body(2.0, 1.5f), new Heavy(3.0) };
        foreach (Body b in bodies) { total += b.Weight(9.81); Console.WriteLine(b.Charge); }
        Console.WriteLine(total);
        object o = 2.75;
        Console.WriteLine(o);
        Console.WriteLine((double)o + 1);
        Console.WriteLine("x=" + 0.125 + " y=" + 1.5f);
        Console.WriteLine(1.5.ToString());
    }
}
