using System;
class Animal { } class Dog : Animal { } class Cat : Animal { }
class Program { static int Main() { Animal a = new Cat(); Console.WriteLine("casting"); Dog d = (Dog)a; Console.WriteLine(d == null); return 1; } }
