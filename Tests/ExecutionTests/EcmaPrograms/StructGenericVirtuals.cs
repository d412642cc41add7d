using System;

interface IVisitor {
    T Visit<T>(T seed);
    string Name<T>();
}

struct Counter : IVisitor {
    public int Count;
    public T Visit<T>(T seed) { Count++; Console.WriteLine("Counter.Visit " + Count); return seed; }
    public string Name<T>() { return "Counter " + Count; }
}

struct Pair : IVisitor {
    public long A, B;
    public T Visit<T>(T seed) { A += 10; B += 1; Console.WriteLine("Pair.Visit " + A + " " + B); return seed; }
    public string Name<T>() { return "Pair " + A + "," + B; }
}

class Boxed : IVisitor {
    public T Visit<T>(T seed) { Console.WriteLine("Boxed.Visit"); return seed; }
    public string Name<T>() { return "Boxed"; }
}

static class Program {
    static T Through<V, T>(ref V v, T seed) where V : IVisitor { return v.Visit<T>(seed); }
    static string NameOf<V>(V v) where V : IVisitor { return v.Name<int>(); }

    static int Main() {
        IVisitor a = new Counter();
        Console.WriteLine(a.Visit<int>(5));
        Console.WriteLine(a.Visit<string>("s"));
        Console.WriteLine(a.Name<long>());
        IVisitor b = new Pair { A = 1, B = 2 };
        Console.WriteLine(b.Visit<double>(2.5));
        Console.WriteLine(b.Name<int>());
        IVisitor[] all = { a, b, new Boxed() };
        foreach (var v in all) Console.WriteLine(v.Name<string>());
        // constrained. calls on an unboxed struct, through generic code
        var c = new Counter();
        Console.WriteLine(Through<Counter, int>(ref c, 7));
        Console.WriteLine(Through<Counter, string>(ref c, "x"));
        Console.WriteLine(c.Count);
        Console.WriteLine(NameOf(c));
        var p = new Pair { A = 3, B = 4 };
        Console.WriteLine(Through<Pair, long>(ref p, 9L));
        Console.WriteLine(p.A + " " + p.B);
        return 100;
    }
}
