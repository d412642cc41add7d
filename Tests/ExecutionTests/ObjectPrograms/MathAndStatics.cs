using System;
class Program { static int[] cache = new int[20];
  static int Fib(int n) { if (n < 2) return n; if (cache[n] != 0) return cache[n]; return cache[n] = Fib(n - 1) + Fib(n - 2); }
  static void Main() { Console.WriteLine(Fib(19)); Console.WriteLine(Math.Max(3, 9)); Console.WriteLine(Math.Min(-3, 9)); Console.WriteLine(Math.Abs(-12)); Console.WriteLine(Math.Max(1L << 40, 5L)); } }
