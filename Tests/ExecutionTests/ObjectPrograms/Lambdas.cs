using System;
using System.Collections.Generic;

class Counter
{
    int count;
    string name;
    public Counter(string n) { name = n; }
    public Action Incrementer() { return () => count++; }
    public Func<string> Reporter() { return () => name + "=" + count; }
}

class Program
{
    static int Apply(Func<int, int> f, int x) { return f(x); }
    static Func<int, int> Adder(int n) { return x => x + n; }
    static Func<int, Func<int, int>> Curry(Func<int, int, int> f) { return a => b => f(a, b); }

    static int Main()
    {
        Func<int, int> square = x => x * x;
        Func<int, int, int> add = (a, b) => a + b;
        Console.WriteLine(square(7) + " " + add(3, 4));
        Console.WriteLine(Apply(square, 5) + " " + Apply(Adder(10), 5));

        int total = 0;
        Action<int> accumulate = v => total += v;
        for (int i = 1; i <= 4; i++) accumulate(i);
        Console.WriteLine("total " + total);

        int factor = 2;
        Func<int, int> scale = v => v * factor;
        factor = 5;
        Console.WriteLine("scaled " + scale(3));

        Counter c = new Counter("clicks");
        Action inc = c.Incrementer();
        inc(); inc(); inc();
        Console.WriteLine(c.Reporter()());

        Func<int, Func<int, int>> curried = Curry(add);
        Console.WriteLine("curried " + curried(20)(22));

        Action<string> shout = s => Console.WriteLine(s.ToUpper() + "!");
        shout("hello");

        Func<int, int>[] ops = new Func<int, int>[] { x => x + 1, x => x * 2, x => x - 3 };
        int v0 = 10;
        foreach (Func<int, int> op in ops) v0 = op(v0);
        Console.WriteLine("ops " + v0);

        List<Func<int>> thunks = new List<Func<int>>();
        for (int i = 0; i < 3; i++)
        {
            int j = i;
            thunks.Add(() => j * 100);
        }
        foreach (Func<int> t in thunks) Console.Write(t() + " ");
        Console.WriteLine();

        Predicate<int> isEven = n => n % 2 == 0;
        Console.WriteLine("even " + isEven(4) + " " + isEven(7));

        Func<string, int> len = s => s.Length;
        Console.WriteLine("len " + len("lambda"));
        return square(3) + total;
    }
}
