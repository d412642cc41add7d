using System;

// Ordered and unordered comparisons: every relation against NaN is false, != is true.
class Program
{
    static double Zero() { return 0.0; }

    static void Show(string what, bool b) { Console.WriteLine(what + (b ? " true" : " false")); }

    static int Classify(double d)
    {
        if (d < 0) return -1;
        if (d > 0) return 1;
        if (d == 0) return 0;
        return 99;
    }

    static void Main()
    {
        double nan = Zero() / Zero();
        double one = 1.0, two = 2.0;
        Show("1<2", one < two);
        Show("1<=2", one <= two);
        Show("1>2", one > two);
        Show("1>=2", one >= two);
        Show("1==2", one == two);
        Show("1!=2", one != two);
        Show("2==2", two == 2.0);
        Show("nan<1", nan < one);
        Show("nan<=1", nan <= one);
        Show("nan>1", nan > one);
        Show("nan>=1", nan >= one);
        Show("nan==nan", nan == nan);
        Show("nan!=nan", nan != nan);
        Show("!(nan<1)", !(nan < one));
        Show("!(nan>=1)", !(nan >= one));
        Show("IsNaN", double.IsNaN(nan));
        Console.WriteLine(Classify(-3.5));
        Console.WriteLine(Classify(2.0));
        Console.WriteLine(Classify(0.0));
        Console.WriteLine(Classify(nan));
        int count = 0;
        for (double d = 0; d < 1.0; d += 0.1) count++;
        Console.WriteLine(count);
        double m = nan;
        if (m != m) Console.WriteLine("self-unequal");
        if (!(m == m)) Console.WriteLine("not self-equal");
        Console.WriteLine(-0.0 == 0.0);
    }
}
