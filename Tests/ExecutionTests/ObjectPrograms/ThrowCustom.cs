using System;
class BadThing : Exception { public BadThing(string m) : base(m) { } }
class Program { static int Check(int v) { if (v > 2) throw new BadThing("value " + v + " is too big"); return v; }
  static int Main() { int s = 0; for (int i = 0; i < 5; i++) { s += Check(i); Console.WriteLine(s); } return s; } }
