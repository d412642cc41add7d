using System;
struct Point { public int X; public long Y; }
class Program {
    static void Bump(TypedReference tr) { __refvalue(tr, int) += 10; }
    static int Main() {
        int v = 11;
        TypedReference tr = __makeref(v);
        __refvalue(tr, int) = 12;
        Bump(__makeref(v));
        Console.WriteLine(v);
        Point p = new Point(); p.X = 1; p.Y = 2;
        TypedReference tp = __makeref(p);
        __refvalue(tp, Point).Y = 40;
        Console.WriteLine(p.Y + p.X);
        string s = "hello";
        TypedReference ts = __makeref(s);
        Console.WriteLine(__refvalue(ts, string));
        try { Console.WriteLine(__refvalue(tr, long)); }
        catch (InvalidCastException) { Console.WriteLine("InvalidCastException"); }
        return 100;
    }
}
