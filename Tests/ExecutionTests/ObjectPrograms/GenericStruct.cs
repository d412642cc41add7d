using System;
struct Pair<A, B> { public A First; public B Second; public Pair(A a, B b) { First = a; Second = b; } }
class Program { static Pair<int, long> Make(int i) { return new Pair<int, long>(i, i * 100L); }
  static void Main() { var p = Make(3); Console.WriteLine(p.First); Console.WriteLine(p.Second); var q = new Pair<string, int>("k", 9); Console.WriteLine(q.First + q.Second); } }
