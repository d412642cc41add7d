using System;
using System.Collections.Generic;

struct Money : IComparable<Money>, IEquatable<Money>
{
    public int Cents;
    public Money(int c) { Cents = c; }
    public int CompareTo(Money other) { return Cents.CompareTo(other.Cents); }
    public bool Equals(Money other) { return Cents == other.Cents; }
    public override string ToString() { return "$" + (Cents / 100) + "." + (Cents % 100); }
}

class Person : IComparable<Person>
{
    public string Name; public int Age;
    public Person() { Name = "nobody"; }
    public Person(string n, int a) { Name = n; Age = a; }
    public int CompareTo(Person other) { return Age - other.Age; }
}

interface IShape { int Area(); }
class Square : IShape { public int Side = 3; public int Area() { return Side * Side; } }

class Repeater
{
    public T Visit<T>(T value, int times) { for (int i = 1; i < times; i++) Console.Write(value + " "); return value; }
}

class Factory<T> where T : class, new()
{
    public T Make() { return new T(); }
}

class Pool<T> where T : IShape, new()
{
    List<T> items = new List<T>();
    public void Fill(int n) { for (int i = 0; i < n; i++) items.Add(new T()); }
    public int TotalArea() { int s = 0; foreach (T t in items) s += t.Area(); return s; }
}

class Program
{
    static T Max<T>(T a, T b) where T : IComparable<T> { return a.CompareTo(b) >= 0 ? a : b; }
    static T Fresh<T>() where T : new() { return new T(); }
    static bool Same<T>(T a, T b) where T : IEquatable<T> { return a.Equals(b); }
    static T Largest<T>(List<T> xs) where T : IComparable<T>
    {
        T best = xs[0];
        foreach (T x in xs) if (x.CompareTo(best) > 0) best = x;
        return best;
    }

    static int Main()
    {
        Console.WriteLine(Max(3, 9) + " " + Max("pear", "apple") + " " + Max(new Money(250), new Money(199)));
        Console.WriteLine(Same(new Money(5), new Money(5)) + " " + Same(4, 5) + " " + Same("a", "a"));
        List<Person> people = new List<Person>();
        people.Add(new Person("Ann", 31)); people.Add(new Person("Bob", 45)); people.Add(new Person("Cy", 27));
        Console.WriteLine("oldest " + Largest(people).Name);
        Console.WriteLine("max int " + Largest(new List<int>(new int[] { 4, 17, 2 })));
        Person p = new Factory<Person>().Make();
        Console.WriteLine("made " + p.Name + " " + p.Age);
        Console.WriteLine("fresh " + Fresh<Money>() + " " + Fresh<int>() + " " + Fresh<Person>().Name);
        Pool<Square> pool = new Pool<Square>();
        pool.Fill(4);
        Console.WriteLine("area " + pool.TotalArea());
        Repeater v = new Repeater();
        Console.WriteLine(v.Visit<int>(7, 3));
        Console.WriteLine(v.Visit("hey", 2));
        Console.WriteLine(EqualityComparer<int>.Default.Equals(3, 3) + " " + Comparer<string>.Default.Compare("b", "a"));
        IComparable<int> boxed = 10;
        return boxed.CompareTo(4) + Max(1, 2);
    }
}
