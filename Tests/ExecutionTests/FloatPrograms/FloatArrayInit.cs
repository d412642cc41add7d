// Array initializers of doubles and floats (RuntimeHelpers.InitializeArray from RVA data) and Array.Copy.
using System;
class Program
{
    static readonly double[] Table = { 0.5, 1.25, -2.0, 3.75, 1e-3, 6.0, 7.5, -8.25 };
    static readonly float[] Small = { 1.5f, -0.25f, 3.0f, 4.5f, 5.0f, 6.25f };
    static void Main()
    {
        double s = 0; foreach (double d in Table) s += d; Console.WriteLine(s);
        float f = 0; foreach (float x in Small) f += x; Console.WriteLine(f);
        double[] copy = new double[8]; Array.Copy(Table, copy, 8); Console.WriteLine(copy[7]);
    }
}
