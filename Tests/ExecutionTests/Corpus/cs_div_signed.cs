// Signed division and remainder truncate toward zero; the remainder takes the dividend's sign.
using System;

static class Program
{
    static int Div(int a, int b) { return a / b; }
    static int Rem(int a, int b) { return a % b; }
    static long LDiv(long a, long b) { return a / b; }
    static long LRem(long a, long b) { return a % b; }

    static void Show(int a, int b)
    {
        Console.WriteLine(Div(a, b));
        Console.WriteLine(Rem(a, b));
    }

    static void LShow(long a, long b)
    {
        Console.WriteLine(LDiv(a, b));
        Console.WriteLine(LRem(a, b));
    }

    static void Main()
    {
        Show(7, 2);
        Show(-7, 2);
        Show(7, -2);
        Show(-7, -2);
        Show(int.MinValue, 2);
        Show(int.MinValue, 7);
        Show(int.MaxValue, -1);
        Show(int.MinValue, int.MaxValue);
        Show(1, int.MinValue);
        Show(-1000000007, 1000);
        LShow(7, 2);
        LShow(-7, 2);
        LShow(7, -2);
        LShow(-7, -2);
        LShow(long.MinValue, 2);
        LShow(long.MinValue, 10);
        LShow(long.MaxValue, -3);
        LShow(-9000000000000000000L, 7);
        LShow(5, long.MaxValue);
    }
}
