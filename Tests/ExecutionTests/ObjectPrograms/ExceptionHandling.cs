using System;
class MyError : Exception { public int Code; public MyError(string m, int c) : base(m) { Code = c; } }
struct Pt { public int X, Y; }
class Program {
    static int Depth(int n) { if (n == 0) throw new MyError("deep", 7); return Depth(n - 1) + 1; }
    static void Fin(int n) { try { Depth(n); } finally { Console.WriteLine("finally " + n); } }
    static int Div(int a, int b) { return a / b; }
    static int Idx(int[] a, int i) { return a[i]; }
    static string Null(string s) { return s.ToUpperInvariantX(); }
    static void Rethrow() { try { Depth(2); } catch (MyError e) { Console.WriteLine("inner " + e.Message); throw; } }
    static int Main() {
        try { Depth(3); } catch (MyError e) { Console.WriteLine("caught " + e.Message + " " + e.Code); }
        try { Fin(2); } catch (Exception e) { Console.WriteLine("outer " + e.Message); }
        try { Div(1, 0); } catch (DivideByZeroException e) { Console.WriteLine(e.Message); }
        try { Idx(new int[2], 5); } catch (IndexOutOfRangeException e) { Console.WriteLine(e.Message); }
        object o = "str";
        try { int x = (int)o; Console.WriteLine(x); } catch (InvalidCastException e) { Console.WriteLine("cast"); }
        try { checked { int big = int.MaxValue; big = big + Depth0(); Console.WriteLine(big); } } catch (OverflowException e) { Console.WriteLine(e.Message); }
        try { Rethrow(); } catch (Exception e) { Console.WriteLine("rethrown " + e.Message); }
        try { try { Depth(1); } catch (MyError) { throw new InvalidOperationException("from catch"); } } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        int sum = 0;
        for (int i = 0; i < 5; i++) { try { if (i % 2 == 0) Depth(i); sum += i; } catch (MyError) { sum += 100; } finally { sum += 1000; } }
        Console.WriteLine(sum);
        Pt p; p.X = 1; p.Y = 2;
        try { p.X = 10; Depth(1); } catch (Exception) { Console.WriteLine(p.X + p.Y); }
        Program nul = null;
        try { Console.WriteLine(nul.F); } catch (NullReferenceException) { Console.WriteLine("null caught"); }
        try { Console.WriteLine(Div(5, 0)); } catch (ArithmeticException e) { Console.WriteLine("arith " + e.Message); }
        return 3;
    }
    int F;
    static int Depth0() { return 1; }
}
static class Ext { public static string ToUpperInvariantX(this string s) { return s; } }
