using System;
// C# array initializers: the constant ones become an RVA field (.data) copied by
// RuntimeHelpers.InitializeArray; string[] and short ones become plain stores.
class Program {
  static readonly int[] Primes = { 2, 3, 5, 7, 11, 13, 17, 19 };
  static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; }
  static int Main() {
    int[] ints = new int[] { 1, -2, 3, 400000, 5 };
    long[] longs = { 10000000000L, -2, 3, long.MaxValue };
    byte[] bytes = { 1, 2, 3, 250, 5, 6 };
    char[] chars = { 'h', 'e', 'l', 'l', 'o' };
    bool[] flags = { true, false, true, true, false };
    short[] shorts = { -300, 300, 7, -1 };
    string[] words = { "array", "initializers" };
    int[] two = { 9, 8 };
    Console.WriteLine(Sum(ints));
    Console.WriteLine(ints[3]);
    Console.WriteLine(longs[0] + longs[1]);
    Console.WriteLine(longs[3]);
    Console.WriteLine(bytes[3] + bytes[5]);
    foreach (char ch in chars) Console.Write(ch);
    Console.WriteLine();
    Console.WriteLine(chars[4]);
    int t = 0; foreach (bool f in flags) if (f) t++;
    Console.WriteLine(t);
    Console.WriteLine(shorts[0] + shorts[3]);
    Console.WriteLine(words[0] + " " + words[1] + " " + words.Length);
    Console.WriteLine(two[0] * 10 + two[1]);
    Console.WriteLine(Sum(Primes));
    return ints.Length + longs.Length;
  }
}
