// int Main's result is the process exit code.
using System;

static class Program
{
    static int Compute(int a, int b) { return a * b - 2; }

    static int Main()
    {
        Console.WriteLine("computing");
        return Compute(4, 11);
    }
}
