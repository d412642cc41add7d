using System;

enum Color { Red, Green, Blue }
enum Level : byte { Low = 1, Medium = 5, High = 10 }
enum Big : long { Small = -3, Huge = 5000000000 }
[Flags]
enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }

class Light {
    public Color State;
    public Light(Color c) { State = c; }
    public Color Next() {
        switch (State) {
            case Color.Red: return Color.Green;
            case Color.Green: return Color.Blue;
            default: return Color.Red;
        }
    }
}

class Program {
    static string Describe(Level l) {
        switch (l) {
            case Level.Low: return "low";
            case Level.Medium: return "medium";
            case Level.High: return "high";
        }
        return "other";
    }

    static int Weight(Color c) { return (int)c * 10 + 1; }

    static void Main() {
        Color c = Color.Green;
        Console.WriteLine(c);
        Console.WriteLine(c.ToString());
        Console.WriteLine("color=" + c);
        Console.WriteLine((int)c);
        Color d = c + 1;
        Console.WriteLine(d);
        Console.WriteLine(d - c);
        Color e = (Color)7;
        Console.WriteLine(e);
        Console.WriteLine((int)e);
        Light l = new Light(Color.Red);
        for (int i = 0; i < 4; i++) {
            Console.WriteLine(l.State);
            l.State = l.Next();
        }
        Console.WriteLine(Describe(Level.Medium));
        Console.WriteLine(Describe((Level)3));
        Console.WriteLine(Level.High);
        Console.WriteLine((byte)Level.High + (byte)Level.Low);
        Big b = Big.Huge;
        Console.WriteLine(b);
        Console.WriteLine((long)b);
        Console.WriteLine(Big.Small);
        Perm p = Perm.Read | Perm.Write;
        Console.WriteLine((int)p);
        Console.WriteLine((p & Perm.Write) != 0);
        Console.WriteLine((p & Perm.Exec) == Perm.None);
        Console.WriteLine(Perm.Exec);
        Console.WriteLine(Weight(Color.Blue));
        Color[] all = { Color.Blue, Color.Red, Color.Green };
        int sum = 0;
        foreach (Color x in all) sum += (int)x;
        Console.WriteLine(sum);
        Console.WriteLine(c == Color.Green);
        Console.WriteLine(c < Color.Blue);
        object boxed = Color.Blue;
        Console.WriteLine(boxed);
        Console.WriteLine(boxed is Color);
        Color un = (Color)boxed;
        Console.WriteLine(un == Color.Blue);
    }
}
