using System;
class Animal { public int Legs; }
class Dog : Animal { }
class Program {
    static void Set(ref Animal a) { a = new Animal(); a.Legs = 4; }
    static int Main() {
        Animal[] animals = new Animal[2];
        Set(ref animals[0]);
        Console.WriteLine(animals[0].Legs);
        string[] words = { "a", "b" };
        object[] objs = words;
        Console.WriteLine(objs[1]);
        try { Set2(ref objs[0]); Console.WriteLine("no check"); }
        catch (ArrayTypeMismatchException) { Console.WriteLine("ArrayTypeMismatchException"); }
        return 100;
    }
    static void Set2(ref object o) { o = 42; }
}
