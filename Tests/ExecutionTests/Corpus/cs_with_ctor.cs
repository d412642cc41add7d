// A non-static class: mcs gives it an instance .ctor, which exists but is never called.
using System;

class Program
{
    static int Twice(int x) { return x + x; }

    static int Main()
    {
        Console.WriteLine(Twice(21));
        return Twice(3);
    }
}
