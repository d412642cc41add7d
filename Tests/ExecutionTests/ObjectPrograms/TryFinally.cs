// try/finally and leave as mcs compiles them: nested finallies, several leave targets,
// return from inside a try (through its finally), break/continue out of a try in a loop.
using System;

class TryFinally
{
    static int s_log;

    static void Note(int step)
    {
        s_log = s_log * 10 + step;
        Console.WriteLine("step {0}", step);
    }

    static int Nested(int n)
    {
        int r = 0;
        try {
            Note(1);
            try {
                Note(2);
                if (n > 0) return n * 2;
                r = -1;
            } finally {
                Note(3);
            }
            Note(4);
        } finally {
            Note(5);
        }
        return r;
    }

    static int Loop(int limit)
    {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            try {
                if (i == limit) break;
                if (i % 2 == 0) continue;
                sum += i;
            } finally {
                sum += 100;
            }
        }
        return sum;
    }

    static string Describe(object o)
    {
        try {
            if (o == null) return "null";
            return o.ToString();
        } finally {
            Console.WriteLine("described");
        }
    }

    static int Main()
    {
        Console.WriteLine(Nested(7));
        Console.WriteLine(Nested(0));
        Console.WriteLine(s_log);
        Console.WriteLine(Loop(5));
        Console.WriteLine(Loop(20));
        Console.WriteLine(Describe(null));
        Console.WriteLine(Describe("text"));
        int x = 3;
        try {
            x += 4;
        } catch (Exception) {
            x = -1;
        }
        return x;
    }
}
