using System;
struct Big { public long A, B, C; public int D; }
class Program {
  static Big Make(long x) { Big b; b.A = x; b.B = x * 2; b.C = x * 3; b.D = (int)x + 1; return b; }
  static long Sum(Big b) { return b.A + b.B + b.C + b.D; }
  static void Main() { Big b = Make(5); Console.WriteLine(b.C); Big c = b; c.A = 100; Console.WriteLine(b.A); Console.WriteLine(c.A); Console.WriteLine(Make(7).D); } }
