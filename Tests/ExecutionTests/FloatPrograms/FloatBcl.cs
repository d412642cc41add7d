using System;
using System.Collections.Generic;
// Doubles through the BCL surface: String.Format and Concat of boxed doubles, List<double>, Equals.
class Program
{
    static void Main()
    {
        double d = 1.0 / 8;
        Console.WriteLine(string.Format("{0} and {1}", d, 2.5f));
        Console.WriteLine("v=" + d);
        var list = new List<double>();
        list.Add(1.25); list.Add(-3.5);
        double s = 0;
        foreach (var x in list) s += x;
        Console.WriteLine(s);
        Console.WriteLine(list[1].ToString());
        Console.WriteLine(d.Equals(0.125));
        Console.WriteLine("{0:F2} {1:N1} [{2,8:F3}] {3:R}", 1.0 / 3, 12345.678, -2.5, 0.1);
        Console.WriteLine(string.Format("{0:F0} {1:N0} {2:F4}", 2.75, -1234567.0, 1e-5));
    }
}
