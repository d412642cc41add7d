using System;
class Program {
  static string Describe(string s) {
    return s.ToUpper() + "|" + s.ToLower() + "|" + s.Length;
  }
  static void Main() {
    string s = "  Hello, World  ";
    string t = s.Trim();
    Console.WriteLine("[" + t + "]");
    Console.WriteLine(Describe(t));
    Console.WriteLine(t.Substring(7));
    Console.WriteLine(t.Substring(0, 5));
    Console.WriteLine(t.IndexOf('o'));
    Console.WriteLine(t.LastIndexOf('o'));
    Console.WriteLine(t.IndexOf("World"));
    Console.WriteLine(t.IndexOf("xyz"));
    Console.WriteLine(t.Contains("lo, W"));
    Console.WriteLine(t.StartsWith("Hell"));
    Console.WriteLine(t.EndsWith("World"));
    Console.WriteLine(t.EndsWith("Hello"));
    Console.WriteLine(t.Replace("l", "L"));
    Console.WriteLine(t.Replace('o', '0'));
    Console.WriteLine(t.Replace("World", ""));
    Console.WriteLine("apple".CompareTo("banana"));
    Console.WriteLine("pear".CompareTo("pear"));
    Console.WriteLine(string.Compare("zeta", "alpha") > 0);
    char[] cs = t.ToCharArray();
    Array.Reverse(cs);
    Console.WriteLine(new string(cs));
    Console.WriteLine(new string('*', 5));
    string[] parts = "one,two,,three".Split(',');
    Console.WriteLine(parts.Length);
    foreach (string p in parts) Console.WriteLine("<" + p + ">");
    Console.WriteLine(string.Join("-", parts));
    Console.WriteLine("[" + "42".PadLeft(6) + "][" + "42".PadRight(6) + "]");
    Console.WriteLine("abc".GetHashCode() == "abc".GetHashCode());
    Console.WriteLine("abc".GetHashCode() == "abd".GetHashCode());
    int n = 7; bool b = true; char c = 'x';
    Console.WriteLine("n=" + n + " b=" + b + " c=" + c);
    Console.WriteLine(n + "/" + 3 + "/" + c + "/" + b);
    string acc = "";
    for (int i = 0; i < 5; i++) acc += i;
    Console.WriteLine(acc);
    Console.WriteLine(string.Concat("a", "b", "c", "d"));
    string word = "Mississippi";
    int count = 0;
    for (int i = 0; i < word.Length; i++) if (word[i] == 's') count++;
    Console.WriteLine(count);
    Console.WriteLine(word.IndexOf("ss") + " " + word.IndexOf('q'));


  }
}
