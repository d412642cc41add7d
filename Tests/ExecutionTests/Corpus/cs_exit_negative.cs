// A negative result from Main: the OS keeps the low 8 bits, so -3 becomes exit code 253.
using System;

static class Program
{
    static int Fail(int code) { return -code; }

    static int Main()
    {
        Console.WriteLine(Fail(3));
        return Fail(3);
    }
}
