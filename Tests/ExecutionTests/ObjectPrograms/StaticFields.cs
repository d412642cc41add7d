using System;
class Counter { public static int Count; public static string Name = "counter"; static Counter() { Count = 100; } public static void Bump() { Count++; } }
class Program { static long total = 5; static int Main() { Counter.Bump(); Counter.Bump(); total += Counter.Count; Console.WriteLine(Counter.Name); Console.WriteLine(total); return Counter.Count; } }
