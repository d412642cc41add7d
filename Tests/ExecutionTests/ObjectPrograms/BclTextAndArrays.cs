using System;
using System.Text;

class Program {
  static string Table(int n) {
    var sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.Append(i).Append(" x ").Append(i).Append(" = ").Append(i * i);
      sb.AppendLine();
    }
    return sb.ToString();
  }
  static int ParseSum(string csv) {
    int sum = 0;
    foreach (string part in csv.Split(',')) sum += int.Parse(part.Trim());
    return sum;
  }
  static void Main() {
    Console.Write(Table(4));
    var sb = new StringBuilder("start");
    sb.Append(':').Append(true).Append(' ').Append(123456789012L).Append(' ').Append((object)"obj");
    sb.AppendLine("!");
    sb.Insert(0, ">> ");
    sb.Append(-17);
    Console.WriteLine(sb.ToString());
    Console.WriteLine(sb.Length);
    sb.Clear();
    Console.WriteLine("[" + sb.ToString() + "] " + sb.Length);
    for (int i = 0; i < 300; i++) sb.Append((char)('a' + i % 26));
    string big = sb.ToString();
    Console.WriteLine(big.Length + " " + big.Substring(250, 10));

    Console.WriteLine(ParseSum("10, 20,-5 ,  7"));
    Console.WriteLine(int.Parse("-2147483648") + " " + int.Parse("+42"));
    int x = 1234;
    Console.WriteLine(x.ToString() + (-x).ToString());
    Console.WriteLine(char.IsDigit('7') + " " + char.IsDigit('x') + " " + char.IsLetter('Q') + " " + char.IsLetter('3') + " " + char.ToUpper('m') + char.ToUpper('M') + char.ToUpper('1'));
    int digits = 0, letters = 0;
    foreach (char c in "abc123XYZ!?") { if (char.IsDigit(c)) digits++; else if (char.IsLetter(c)) letters++; }
    Console.WriteLine(digits + " " + letters);

    int[] a = { 5, 2, 8, 1, 9, 3 };
    Array.Resize(ref a, 8);
    a[6] = 4; a[7] = 0;
    Console.WriteLine(a.Length);
    int[] b = new int[8];
    Array.Copy(a, b, 8);
    Array.Sort(b);
    foreach (int v in b) Console.Write(v + " ");
    Console.WriteLine();
    Console.WriteLine(Array.IndexOf(a, 9) + " " + Array.IndexOf(a, 42) + " " + Array.IndexOf(b, 9));
    string[] names = { "carol", "alice", "bob" };
    Array.Resize(ref names, 4);
    names[3] = "dave";
    Console.WriteLine(Array.IndexOf(names, "bob") + " " + names.Length);
    Array.Reverse(names);
    Console.WriteLine(string.Join(" ", names));
    Console.WriteLine(Math.Max(3, 9) + " " + Math.Min(3, 9) + " " + Math.Max(-5L, -9L) + " " + Math.Min(10L, 2L) + " " + Math.Abs(-12) + " " + Math.Abs(-40L));

  }
}
