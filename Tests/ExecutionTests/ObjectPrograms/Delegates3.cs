using System;

struct Pair { public int A; public int B; public Pair(int a, int b) { A = a; B = b; } }

delegate int Op3(int a, int b, int c);

class Program
{
    static int Mix(int a, int b, int c) { return a * 100 + b * 10 + c; }
    int bias = 7;
    int Biased(int a, int b, int c) { return a + b + c + bias; }

    static int Main()
    {
        Func<int, int, int, int> f3 = (a, b, c) => a * b + c;
        Console.WriteLine(f3(3, 4, 5));
        Op3 m = Mix;
        Console.WriteLine(m(1, 2, 3));
        Program p = new Program();
        Op3 bm = p.Biased;
        Console.WriteLine(bm(1, 2, 3));
        Func<int, int, int, int, int> f4 = (a, b, c, d) => a - b + c - d;
        Console.WriteLine(f4(10, 1, 20, 2));
        Action<string, int, string> show = (s, n, t) => Console.WriteLine(s + n + t);
        show("<", 42, ">");
        int captured = 1000;
        Action<int, int, int, int> sum4 = (a, b, c, d) => Console.WriteLine(captured + a + b + c + d);
        sum4(1, 2, 3, 4);
        Func<Pair, int> sumPair = q => q.A + q.B;
        Console.WriteLine(sumPair(new Pair(20, 22)));
        Func<int, int, Pair> mk = (a, b) => new Pair(a, b);
        Pair r = mk(5, 6);
        Console.WriteLine(r.A * r.B);
        return f3(1, 2, 3);
    }
}
