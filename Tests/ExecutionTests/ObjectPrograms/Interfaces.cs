using System;
interface IGreeter { string Greet(string who); }
interface ICounter { int Next(); }
class Hello : IGreeter, ICounter { int n; public string Greet(string who) { return "Hello, " + who; } public int Next() { return ++n; } }
class Hi : IGreeter { public string Greet(string who) { return "Hi " + who; } }
class Program { static void Main() {
  IGreeter[] gs = { new Hello(), new Hi() };
  foreach (var g in gs) Console.WriteLine(g.Greet("Bob"));
  ICounter c = new Hello(); c.Next(); c.Next(); Console.WriteLine(c.Next()); } }
