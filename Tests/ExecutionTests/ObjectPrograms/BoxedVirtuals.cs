// Object's virtual methods called on boxed primitives: each override must sit in Object's slot
// (a boxed int's GetHashCode once reached Int32.Equals because Int32's vtable was built while
// Object was still loading).
using System;

struct Pair { public int A, B; public override string ToString() { return A + "/" + B; } }

class Program {
    static void Show(object o) { Console.WriteLine(o.ToString() + " " + o.GetHashCode() + " " + o.Equals(o)); }
    static void Main() {
        object x = 5;
        Console.WriteLine(x.GetHashCode());
        Console.WriteLine(x.Equals(5));
        Console.WriteLine(x.Equals(6));
        Show(42);
        Show('c');
        Show(true);
        Show(7L);
        Pair p; p.A = 3; p.B = 4;
        object boxed = p;
        Console.WriteLine(boxed.ToString());
    }
}
