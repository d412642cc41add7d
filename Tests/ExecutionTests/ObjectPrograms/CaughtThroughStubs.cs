// Exceptions caught after passing through the multicast delegate stub and a multi-dimensional array access.
using System;
class P {
  static void A(int x) { Console.WriteLine("A " + x); }
  static void B(int x) { if (x > 1) throw new InvalidOperationException("B says " + x); Console.WriteLine("B " + x); }
  static void Main() {
    Action<int> d = A; d += B; d += A;
    d(1);
    try { d(2); } catch (InvalidOperationException e) { Console.WriteLine("caught: " + e.Message); }
    int[,] g = new int[2, 3];
    try { g[2, 0] = 1; } catch (IndexOutOfRangeException) { Console.WriteLine("md range"); }
    Console.WriteLine(g.GetLength(1));
  }
}
