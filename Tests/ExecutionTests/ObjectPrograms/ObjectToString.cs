using System;
class Thing { } class Named { public override string ToString() { return "I am named"; } }
namespace Ns { class Inner { } }
class Program { class Nested { } static void Main() {
  Console.WriteLine(new Thing()); Console.WriteLine(new Named()); Console.WriteLine(new Ns.Inner().ToString()); Console.WriteLine(new Nested());
  object o = new Named(); Console.WriteLine(o.ToString() + "!"); } }
