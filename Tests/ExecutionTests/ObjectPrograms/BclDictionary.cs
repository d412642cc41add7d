using System;
using System.Collections.Generic;
using System.Text;

class Employee {
  public string Name; public int Age;
  public Employee(string n, int a) { Name = n; Age = a; }
}

class Program {
  static void Main() {
    string text = "the quick brown fox jumps over the lazy dog the fox";
    var counts = new Dictionary<string, int>();
    var order = new List<string>();
    foreach (string w in text.Split(' ')) {
      int c;
      if (counts.TryGetValue(w, out c)) counts[w] = c + 1;
      else { counts.Add(w, 1); order.Add(w); }
    }
    Console.WriteLine(counts.Count);
    foreach (string w in order) Console.WriteLine(w + ": " + counts[w]);
    Console.WriteLine(counts.ContainsKey("fox") + " " + counts.ContainsKey("cat"));
    Console.WriteLine(counts.Remove("the") + " " + counts.Remove("the") + " " + counts.Count);

    var squares = new Dictionary<int, int>();
    for (int i = 0; i < 50; i++) squares[i] = i * i;
    squares[7] = -7;
    int total = 0;
    for (int i = 0; i < 50; i++) total += squares[i];
    Console.WriteLine(total + " " + squares.Count);
    for (int i = 0; i < 50; i += 2) squares.Remove(i);
    Console.WriteLine(squares.Count + " " + squares.ContainsKey(4) + " " + squares.ContainsKey(5));
    for (int i = 100; i < 110; i++) squares.Add(i, i);
    Console.WriteLine(squares.Count + " " + squares[105]);

    var byName = new Dictionary<string, Employee>();
    byName["ann"] = new Employee("Ann", 31);
    byName["bob"] = new Employee("Bob", 45);
    Employee e;
    if (byName.TryGetValue("bob", out e)) Console.WriteLine(e.Name + " " + e.Age);
    Console.WriteLine(byName.TryGetValue("cid", out e) + " " + (e == null));

    var sb = new StringBuilder();
    foreach (KeyValuePair<string, Employee> kv in byName) sb.Append(kv.Key).Append('=').Append(kv.Value.Age).Append(';');
    Console.WriteLine(sb.ToString());
    int keySum = 0;
    foreach (var kv in squares) keySum += kv.Key;
    Console.WriteLine(keySum);

    var ages = new Dictionary<string, int> { { "x", 1 }, { "y", 2 } };
    Console.WriteLine(ages["x"] + ages["y"]);
    Console.WriteLine(ages["z"]);
  }
}
