// A dense switch becomes one IL switch (a jump table); values outside fall to default.
using System;

static class Program
{
    static int Dense(int x)
    {
        switch (x)
        {
            case 0: return 100;
            case 1: return 101;
            case 2: return 104;
            case 3: return 109;
            case 4: return 116;
            case 5: return 125;
            case 6: return 136;
            case 7: return 149;
            default: return -1;
        }
    }

    static void PrintName(int d)
    {
        switch (d)
        {
            case 1: Console.WriteLine("one"); break;
            case 2: Console.WriteLine("two"); break;
            case 3: Console.WriteLine("three"); break;
            default: Console.WriteLine("many"); break;
        }
    }

    static void Main()
    {
        for (int i = -2; i <= 9; i++) Console.WriteLine(Dense(i));
        Console.WriteLine(Dense(int.MinValue));
        Console.WriteLine(Dense(int.MaxValue));
        for (int i = 0; i <= 4; i++) PrintName(i);
    }
}
