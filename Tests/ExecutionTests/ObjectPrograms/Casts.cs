using System;
class Animal { } class Dog : Animal { public string Bark() { return "woof"; } } class Cat : Animal { }
interface IPet { } class Puppy : Dog, IPet { }
class Program { static void Main() {
  Animal a = new Puppy(); Dog d = (Dog)a; Console.WriteLine(d.Bark());
  Console.WriteLine(a is Cat); Console.WriteLine(a is IPet); Console.WriteLine(a as Cat == null);
  object o = "str"; string s = o as string; Console.WriteLine(s); IPet p = a as IPet; Console.WriteLine(p != null); } }
