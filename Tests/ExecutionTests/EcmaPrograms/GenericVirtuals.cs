using System;
interface IShape { string Describe<T>(T tag); int Count<T>(T[] items); }
abstract class Animal {
    public virtual string Name<T>(T x) { return "animal " + x; }
    public abstract int Legs<T>();
    public virtual string Pair<A, B>(A a, B b) { return "pair " + a + "," + b; }
}
class Dog : Animal, IShape {
    public override string Name<T>(T x) { return "dog " + x; }
    public override int Legs<T>() { return 4; }
    public string Describe<T>(T tag) { return "dog-shape " + tag; }
    public int Count<T>(T[] items) { return items.Length * 10; }
}
class Puppy : Dog {
    public override string Name<T>(T x) { return "puppy " + base.Name<T>(x); }
    public override string Pair<A, B>(A a, B b) { return "puppy-pair " + b + "," + a; }
}
class Bird : Animal, IShape {
    public override int Legs<T>() { return 2; }
    string IShape.Describe<T>(T tag) { return "bird-shape " + tag; }
    int IShape.Count<T>(T[] items) { return items.Length; }
}
class Box<U> : Animal {
    U value;
    public Box(U v) { value = v; }
    public override string Name<T>(T x) { return "box(" + value + ") " + x; }
    public override int Legs<T>() { return 0; }
}
class Program {
    static string Call<T>(Animal a, T x) { return a.Name<T>(x); }
    static int Main() {
        Animal[] zoo = { new Dog(), new Puppy(), new Bird(), new Box<string>("s"), new Box<int>(7) };
        foreach (Animal a in zoo) {
            Console.WriteLine(a.Name<int>(1));
            Console.WriteLine(a.Name<string>("two"));
            Console.WriteLine(a.Legs<long>());
            Console.WriteLine(a.Pair<int, string>(3, "x"));
            Console.WriteLine(Call<object>(a, "obj"));
        }
        IShape[] shapes = { new Dog(), new Bird(), new Puppy() };
        foreach (IShape s in shapes) {
            Console.WriteLine(s.Describe<int>(5));
            Console.WriteLine(s.Describe<string>("t"));
            Console.WriteLine(s.Count<long>(new long[3]));
        }
        Func<double, string> f = zoo[1].Name<double>;
        Console.WriteLine(f(2.5));
        Animal none = null;
        try { none.Name<int>(1); } catch (NullReferenceException) { Console.WriteLine("NullReferenceException"); }
        return 100;
    }
}
