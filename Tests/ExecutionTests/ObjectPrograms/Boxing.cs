using System;
struct P { public int V; public override string ToString() { return "P(" + V + ")"; } }
class Program { static void Main() {
  object o = 5; int i = (int)o; Console.WriteLine(i + 1); object b = true; Console.WriteLine(b);
  P p; p.V = 7; object op = p; Console.WriteLine(op.ToString()); Console.WriteLine(op); P q = (P)op; Console.WriteLine(q.V);
  object l = 123456789012L; Console.WriteLine(l); Console.WriteLine(o.Equals(5)); Console.WriteLine(o is int); Console.WriteLine(o is string); } }
