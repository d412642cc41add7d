using System;

class Counter {
    public int Count;
    public static int Total;
}

struct Pair { public int A; public int B; }

static class Config {
    public const int Limit = 42;
    public const string Name = "cfg";
    public static readonly int[] Table;
    public static readonly string Greeting;
    public static int InitCount;
    static Config() {
        Table = new int[] { 3, 1, 4, 1, 5 };
        Greeting = "hello " + Name;
        InitCount++;
    }
}

class Lazy {
    public static int Value = Compute();
    static int Compute() { return 7; }
}

class Program {
    static void Swap(ref int a, ref int b) { int t = a; a = b; b = t; }
    static bool TryHalf(int n, out int half) {
        if (n % 2 == 0) { half = n / 2; return true; }
        half = 0;
        return false;
    }
    static void Divide(int a, int b, out int q, out int r) { q = a / b; r = a % b; }
    static void Bump(ref int x, int by) { x += by; }
    static void SwapStr(ref string a, ref string b) { string t = a; a = b; b = t; }
    static int Sum(params int[] xs) { int s = 0; foreach (int x in xs) s += x; return s; }
    static string Join(string sep, params object[] parts) {
        string r = "";
        for (int i = 0; i < parts.Length; i++) { if (i > 0) r += sep; r += parts[i]; }
        return r;
    }
    static int Area(int w, int h = 10, int scale = 1) { return w * h * scale; }
    static string Greet(string name = "world", string punct = "!") { return "hi " + name + punct; }
    static void SetPair(ref Pair p) { p.A = 11; p.B = 22; }

    static void Main() {
        int x = 1, y = 2;
        Swap(ref x, ref y);
        Console.WriteLine(x + " " + y);
        int h;
        Console.WriteLine(TryHalf(10, out h) + " " + h);
        Console.WriteLine(TryHalf(7, out h) + " " + h);
        int q, r;
        Divide(47, 5, out q, out r);
        Console.WriteLine(q + " " + r);
        int[] arr = { 1, 2, 3 };
        Bump(ref arr[1], 40);
        Swap(ref arr[0], ref arr[2]);
        Console.WriteLine(arr[0] + " " + arr[1] + " " + arr[2]);
        Counter c = new Counter();
        Bump(ref c.Count, 5);
        Bump(ref c.Count, 6);
        Bump(ref Counter.Total, 100);
        Console.WriteLine(c.Count + " " + Counter.Total);
        string s1 = "left", s2 = "right";
        SwapStr(ref s1, ref s2);
        Console.WriteLine(s1 + " " + s2);
        Pair p = new Pair();
        SetPair(ref p);
        Console.WriteLine(p.A + p.B);
        Pair[] pairs = new Pair[2];
        SetPair(ref pairs[1]);
        Console.WriteLine(pairs[0].A + " " + pairs[1].B);
        Console.WriteLine(Sum());
        Console.WriteLine(Sum(5));
        Console.WriteLine(Sum(1, 2, 3, 4));
        Console.WriteLine(Sum(new int[] { 10, 20 }));
        Console.WriteLine(Join(", ", "a", 1, "b", 2));
        Console.WriteLine(Area(3));
        Console.WriteLine(Area(3, 4));
        Console.WriteLine(Area(3, scale: 2));
        Console.WriteLine(Area(h: 2, w: 5));
        Console.WriteLine(Greet());
        Console.WriteLine(Greet("bob"));
        Console.WriteLine(Greet(punct: "?"));
        Console.WriteLine("before config");
        Console.WriteLine(Config.Limit);
        Console.WriteLine(Config.Greeting);
        Console.WriteLine(Config.Table[2] + Config.Table.Length);
        Console.WriteLine(Config.InitCount);
        Console.WriteLine(Config.Name.Length);
        Console.WriteLine(Lazy.Value + Lazy.Value);
    }
}
