// Boolean logic: short-circuit && and ||, !, ^, & and | on bools, bools as method results.
using System;

static class Program
{
    static bool IsEven(int x) { return (x & 1) == 0; }
    static bool Positive(int x) { return x > 0; }
    static bool And(bool a, bool b) { return a && b; }
    static bool Or(bool a, bool b) { return a || b; }
    static bool Xor(bool a, bool b) { return a ^ b; }
    static bool Not(bool a) { return !a; }
    static bool Implies(bool a, bool b) { return !a | b; }
    static bool Both(bool a, bool b) { return a & b; }

    static bool InRange(int x, int lo, int hi) { return x >= lo && x <= hi; }
    static bool Outside(int x, int lo, int hi) { return x < lo || x > hi; }

    static void Main()
    {
        bool t = Positive(1);
        bool f = Positive(-1);
        Console.WriteLine(And(t, t)); Console.WriteLine(And(t, f)); Console.WriteLine(And(f, t));
        Console.WriteLine(Or(f, f)); Console.WriteLine(Or(t, f)); Console.WriteLine(Or(f, t));
        Console.WriteLine(Xor(t, t)); Console.WriteLine(Xor(t, f));
        Console.WriteLine(Not(t)); Console.WriteLine(Not(f));
        Console.WriteLine(Implies(t, f)); Console.WriteLine(Implies(f, f));
        Console.WriteLine(Both(t, t)); Console.WriteLine(Both(f, t));
        Console.WriteLine(InRange(5, 1, 10)); Console.WriteLine(InRange(0, 1, 10));
        Console.WriteLine(Outside(11, 1, 10)); Console.WriteLine(Outside(10, 1, 10));
        int count = 0;
        for (int i = -10; i <= 10; i++)
            if ((IsEven(i) && Positive(i)) || (!IsEven(i) && !Positive(i))) count++;
        Console.WriteLine(count);
        bool acc = false;
        for (int i = 0; i < 7; i++) acc = acc ^ IsEven(i);
        Console.WriteLine(acc);
    }
}
