using System;
using System.Collections.Generic;

class Tree
{
    int[] values;
    public Tree(int[] v) { values = v; }
    public IEnumerable<int> Evens()
    {
        foreach (int x in values)
            if (x % 2 == 0) yield return x;
    }
}

class Program
{
    static IEnumerable<int> Range(int start, int count)
    {
        for (int i = 0; i < count; i++)
            yield return start + i;
    }

    static IEnumerable<string> Words()
    {
        yield return "alpha";
        yield return "beta";
        yield return "gamma";
    }

    static IEnumerable<int> Fib(int n)
    {
        int a = 0, b = 1;
        while (n-- > 0)
        {
            yield return a;
            int t = a + b; a = b; b = t;
        }
        yield break;
    }

    static int Sum(IEnumerable<int> xs)
    {
        int s = 0;
        foreach (int x in xs) s += x;
        return s;
    }

    static int CountOf<T>(IEnumerable<T> xs)
    {
        int n = 0;
        foreach (T x in xs) n++;
        return n;
    }

    static IEnumerable<int> Squares(IEnumerable<int> xs)
    {
        foreach (int x in xs) yield return x * x;
    }

    static int Main()
    {
        foreach (int i in Range(3, 4)) Console.Write(i + " ");
        Console.WriteLine();
        foreach (string w in Words()) Console.WriteLine(w);
        Console.WriteLine("sum " + Sum(Range(1, 10)));
        Console.WriteLine("fib " + Sum(Fib(10)));
        foreach (int f in Fib(8)) Console.Write(f + ",");
        Console.WriteLine();
        List<int> list = new List<int>();
        list.Add(5); list.Add(6); list.Add(7);
        IEnumerable<int> seq = list;
        Console.WriteLine("list sum " + Sum(seq));
        Console.WriteLine("count " + CountOf(Words()) + " " + CountOf<int>(list));
        Console.WriteLine("squares " + Sum(Squares(Range(1, 4))));
        Tree t = new Tree(new int[] { 1, 2, 3, 4, 5, 6 });
        foreach (int e in t.Evens()) Console.Write(e + ";");
        Console.WriteLine();
        IEnumerator<int> en = Range(10, 2).GetEnumerator();
        while (en.MoveNext()) Console.WriteLine("manual " + en.Current);
        en.Dispose();
        return Sum(Range(0, 5));
    }
}
