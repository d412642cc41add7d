using System;
interface IA { int Value(); }
interface IB { int Value(); }
class Both : IA, IB { int IA.Value() { return 1; } int IB.Value() { return 2; } public int Value() { return 3; } }
class Program { static int Main() { var b = new Both(); IA a = b; IB bb = b; Console.WriteLine(a.Value()); Console.WriteLine(bb.Value()); Console.WriteLine(b.Value()); return a.Value() + bb.Value() + b.Value(); } }
