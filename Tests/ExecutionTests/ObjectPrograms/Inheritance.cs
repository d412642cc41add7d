using System;
class Base { protected int v = 1; public int Get() { return v; } }
class Mid : Base { public Mid() { v = 2; } }
class Leaf : Mid { public int Twice() { return Get() * 2; } }
class Program { static int Main() { Leaf l = new Leaf(); Console.WriteLine(l.Twice()); Base b = l; Console.WriteLine(b.Get()); return 0; } }
