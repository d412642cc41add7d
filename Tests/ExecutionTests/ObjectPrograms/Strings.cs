using System;
class Program { static void Main() {
  string s = "Hello"; string t = s + ", " + "World" + "!";
  Console.WriteLine(t); Console.WriteLine(t.Length); Console.WriteLine(t[4]);
  Console.WriteLine(s == "Hello"); Console.WriteLine(s != "Hello"); Console.WriteLine(string.IsNullOrEmpty(""));
  int n = 42; Console.WriteLine("n = " + n); Console.WriteLine(string.Format("{0}-{1}", n, s)); Console.WriteLine($"{n}:{s}:{true}");
  Console.WriteLine(string.Concat("a", "b", "c", "d", "e")); } }
