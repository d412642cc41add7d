// Exceptions through virtual calls, delegates, finally chains, runtime helpers and loops.
using System;
using System.Collections.Generic;
abstract class Shape { public abstract int Area(); }
class Bad : Shape { public override int Area() { throw new InvalidOperationException("no area"); } }
class Good : Shape { public override int Area() { return 4; } }
class P {
  static int Depth(int n) { if (n == 0) throw new ArgumentException("bottom"); try { return Depth(n - 1); } finally { Console.WriteLine("unwind " + n); } }
  static void Main() {
    Shape[] shapes = { new Good(), new Bad(), new Good() };
    int total = 0;
    foreach (var s in shapes) { try { total += s.Area(); } catch (InvalidOperationException e) { Console.WriteLine("caught " + e.Message); } }
    Console.WriteLine(total);
    try { Depth(3); } catch (ArgumentException e) { Console.WriteLine("depth: " + e.Message); }
    var d = new Dictionary<string, int>();
    try { Console.WriteLine(d["x"]); } catch (KeyNotFoundException) { Console.WriteLine("no key"); }
    Func<int, int> f = x => 10 / x;
    try { Console.WriteLine(f(0)); } catch (DivideByZeroException) { Console.WriteLine("div via delegate"); }
    string str = null;
    try { Console.WriteLine(str.Length); } catch (NullReferenceException) { Console.WriteLine("nre"); }
    try { object o = "s"; int i = (int)o; Console.WriteLine(i); } catch (InvalidCastException) { Console.WriteLine("cast"); }
    int k = 0;
    for (int i = 0; i < 5; i++) { try { if (i % 2 == 0) throw new Exception("e" + i); k += i; } catch (Exception e) { k += 10; Console.Write(e.Message + " "); } }
    Console.WriteLine(k);
  }
}
