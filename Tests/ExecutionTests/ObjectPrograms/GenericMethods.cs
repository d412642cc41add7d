using System;
class Program {
  static T Max<T>(T a, T b, bool pickFirst) { return pickFirst ? a : b; }
  static void Swap<T>(ref T a, ref T b) { T t = a; a = b; b = t; }
  static int Count<T>(T[] items) { return items.Length; }
  static void Main() { int x = 1, y = 2; Swap(ref x, ref y); Console.WriteLine(x * 10 + y);
    string p = "p", q = "q"; Swap(ref p, ref q); Console.WriteLine(p + q);
    Console.WriteLine(Max(3, 4, false)); Console.WriteLine(Max("a", "b", true)); Console.WriteLine(Count(new long[7])); } }
