using System;
using System.Collections;
using System.Collections.Generic;

class Program
{
    static int Sum(IEnumerable<int> xs) { int s = 0; foreach (int x in xs) s += x; return s; }

    static string Join<T>(IEnumerable<T> xs, string sep)
    {
        string r = "";
        bool first = true;
        foreach (T x in xs) { if (!first) r += sep; r += x; first = false; }
        return r;
    }

    static IEnumerable<T> Where<T>(IEnumerable<T> xs, Predicate<T> keep)
    {
        foreach (T x in xs) if (keep(x)) yield return x;
    }

    static IEnumerable<U> Select<T, U>(IEnumerable<T> xs, Func<T, U> f)
    {
        foreach (T x in xs) yield return f(x);
    }

    static IEnumerable<int> Take(IEnumerable<int> xs, int n)
    {
        if (n <= 0) yield break;
        foreach (int x in xs)
        {
            yield return x;
            if (--n == 0) yield break;
        }
    }

    static IEnumerable<int> Naturals() { int i = 0; while (true) yield return i++; }

    static int CountUntyped(IEnumerable xs) { int n = 0; foreach (object o in xs) n++; return n; }

    static int Main()
    {
        int[] arr = { 4, 8, 15, 16, 23, 42 };
        Console.WriteLine("array sum " + Sum(arr));
        Console.WriteLine("array " + Join(arr, ","));
        string[] names = { "ada", "bob", "cyd" };
        Console.WriteLine("names " + Join(names, "|"));
        List<int> list = new List<int>(arr);
        list.Add(100);
        Console.WriteLine("list sum " + Sum(list));
        Console.WriteLine("odd " + Join(Where(arr, x => x % 2 == 1), " "));
        Console.WriteLine("lens " + Join(Select(names, s => s.Length * 10), "+"));
        Console.WriteLine("squares " + Join(Select(Take(Naturals(), 5), n => n * n), ","));
        Console.WriteLine("untyped " + CountUntyped(arr) + " " + CountUntyped(list) + " " + CountUntyped(Take(Naturals(), 3)));
        IEnumerable<string> seq = names;
        IEnumerator<string> e = seq.GetEnumerator();
        e.MoveNext(); e.MoveNext();
        Console.WriteLine("second " + e.Current);
        object boxed = arr;
        IEnumerable<int> back = boxed as IEnumerable<int>;
        Console.WriteLine("as " + (back != null) + " " + (boxed is IEnumerable<string>));
        return Sum(Take(arr, 2));
    }
}
