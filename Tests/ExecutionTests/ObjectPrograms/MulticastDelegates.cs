using System;

class Counter {
    public int Total;
    public string Name;
    public Counter(string name) { Name = name; }
    public void Add(int x) { Total += x; Console.WriteLine(Name + " add " + x); }
    public int Times(int x) { Console.WriteLine(Name + " times " + x); return x * Total; }
}

class Button {
    public event Action Clicked;
    public event Action<string> Named;
    public void Click() { Clicked?.Invoke(); }
    public void Rename(string s) { if (Named != null) Named(s); }
}

delegate int FiveInts(int a, int b, int c, int d, int e);
struct Pair { public long A, B; }
struct Triple { public long A, B, C; }

class Program {
    static int seed;
    static Pair MakePair(int x) { seed++; Console.WriteLine("pair " + x); Pair p; p.A = x; p.B = seed; return p; }
    static Triple MakeTriple(int x) { seed++; Console.WriteLine("triple " + x); Triple t; t.A = x; t.B = seed; t.C = x * seed; return t; }
    static int Five(int a, int b, int c, int d, int e) { Console.WriteLine("five " + (a + b + c + d + e)); return a * 10000 + e; }
    static int FiveMore(int a, int b, int c, int d, int e) { Console.WriteLine("five more " + (a * b * c * d * e)); return e; }
    static void StaticAdd(int x) { Console.WriteLine("static add " + x); }

    static int calls;
    static void Hello() { calls++; Console.WriteLine("hello " + calls); }
    static void World() { calls++; Console.WriteLine("world " + calls); }
    static int One(int x) { Console.WriteLine("one " + x); return x + 1; }
    static int Two(int x) { Console.WriteLine("two " + x); return x + 2; }
    static long Big(long a, long b, long c) { Console.WriteLine("big " + (a + b + c)); return a * b * c; }

    static void Main() {
        Action a = Hello;
        a += World;
        a += Hello;
        a();
        a -= Hello;
        a();
        a -= World;
        a -= World;
        a();
        a -= Hello;
        Console.WriteLine(a == null);

        Func<int, int> f = One;
        f += Two;
        Console.WriteLine(f(10));
        f -= Two;
        Console.WriteLine(f(20));

        Counter c1 = new Counter("c1"), c2 = new Counter("c2");
        Action<int> add = c1.Add;
        add += c2.Add;
        add += c1.Add;
        add(5);
        Console.WriteLine(c1.Total + " " + c2.Total);
        Func<int, int> times = c1.Times;
        times += c2.Times;
        Console.WriteLine(times(3));

        Action<int> both = add + add;
        both(1);
        both -= add;
        both(2);
        Console.WriteLine(c1.Total + " " + c2.Total);
        Action<int> none = null;
        none += null;
        Console.WriteLine(none == null);
        Action<int> removed = add - c1.Add;
        removed(100);
        Console.WriteLine(c1.Total + " " + c2.Total);

        Func<long, long, long, long> big = Big;
        big += Big;
        Console.WriteLine(big(2, 3, 4));

        Action<int> x1 = c1.Add, x2 = c1.Add;
        Console.WriteLine(x1 == x2);
        Console.WriteLine(x1 != add);

        Button b = new Button();
        b.Click();
        b.Clicked += Hello;
        b.Clicked += World;
        b.Click();
        b.Clicked -= Hello;
        b.Click();
        b.Named += s => Console.WriteLine("named " + s);
        b.Named += s => Console.WriteLine("again " + s);
        b.Rename("ok");
        b.Clicked -= World;
        b.Click();
        Func<int, Pair> pairs = MakePair;
        pairs += MakePair;
        Pair last = pairs(4);
        Console.WriteLine(last.A + " " + last.B);
        Func<int, Triple> triples = MakeTriple;
        triples += MakeTriple;
        triples += MakeTriple;
        Triple t = triples(5);
        Console.WriteLine(t.A + " " + t.B + " " + t.C);
        FiveInts five = Five;
        five += FiveMore;
        five += Five;
        Console.WriteLine(five(1, 2, 3, 4, 5));
        Action<int> mix = c2.Add;
        mix += StaticAdd;
        mix += c1.Add;
        mix(7);
        mix -= StaticAdd;
        mix(8);
        Console.WriteLine(c1.Total + " " + c2.Total);
        Console.WriteLine("done");
    }
}
