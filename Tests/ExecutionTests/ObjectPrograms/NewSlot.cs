using System;
class A { public virtual string F() { return "A.F"; } }
class B : A { public new virtual string F() { return "B.F"; } }
class C : B { public override string F() { return "C.F"; } }
class Program { static void Main() { C c = new C(); A a = c; B b = c; Console.WriteLine(a.F()); Console.WriteLine(b.F()); Console.WriteLine(c.F()); } }
