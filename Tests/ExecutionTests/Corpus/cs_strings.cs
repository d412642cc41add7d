// String literals with WriteLine(string), Write(string), mixed with numbers and WriteLine().
using System;

static class Program
{
    static void Label(string s, int v)
    {
        Console.Write(s);
        Console.Write(": ");
        Console.WriteLine(v);
    }

    static void Main()
    {
        Console.WriteLine("Hello, jitbook!");
        Console.WriteLine("");
        Console.WriteLine();
        Console.Write("no newline, ");
        Console.Write("then ");
        Console.WriteLine("one");
        Label("answer", 42);
        Label("negative", -7);
        Console.Write(123456789012L);
        Console.Write(' ' == ' ');
        Console.WriteLine();
        Console.WriteLine("tab\tand \"quotes\" and \\backslash");
        Console.WriteLine("caf\u00e9 \u20ac \u00fc");
    }
}
