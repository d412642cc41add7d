using System;

struct Point { public int X; public int Y; public void Move(int dx) { X += dx; } }

class Animal { public virtual string Name() { return "animal"; } }
class Dog : Animal { public override string Name() { return "dog"; } }
class Cat : Animal { public override string Name() { return "cat"; } }

class Program {
    static int SumJagged(int[][] j) {
        int s = 0;
        for (int i = 0; i < j.Length; i++)
            for (int k = 0; k < j[i].Length; k++)
                s += j[i][k];
        return s;
    }

    static void Main() {
        int[][] jag = new int[4][];
        for (int i = 0; i < jag.Length; i++) {
            jag[i] = new int[i + 1];
            for (int k = 0; k <= i; k++) jag[i][k] = i * 10 + k;
        }
        Console.WriteLine(SumJagged(jag));
        Console.WriteLine(jag[3][2]);
        int[][] lit = { new int[] { 1, 2 }, new int[] { 3 }, new int[0] };
        Console.WriteLine(lit.Length + " " + lit[2].Length + " " + SumJagged(lit));
        string[][] words = new string[2][];
        words[0] = new string[] { "a", "b" };
        words[1] = new string[] { "c" };
        Console.WriteLine(words[0][1] + words[1][0]);

        Point[] pts = new Point[3];
        for (int i = 0; i < pts.Length; i++) { pts[i].X = i; pts[i].Y = i * i; }
        pts[1].X += 100;
        pts[2].Move(50);
        Point copy = pts[0];
        copy.X = 999;
        for (int i = 0; i < pts.Length; i++) Console.WriteLine(pts[i].X + "," + pts[i].Y);
        Console.WriteLine(copy.X);

        long[] longs = new long[5];
        for (int i = 0; i < longs.Length; i++) longs[i] = (long)i << 40;
        Console.WriteLine(longs[4]);
        byte[] bytes = new byte[4];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 100);
        int bs = 0;
        foreach (byte b in bytes) bs += b;
        Console.WriteLine(bs);
        char[] chars = { 'x', 'y', 'z' };
        Array.Reverse(chars);
        Console.WriteLine(new string(chars));

        Animal[] zoo = new Animal[] { new Dog(), new Cat(), new Animal() };
        foreach (Animal a in zoo) Console.WriteLine(a.Name());
        object[] objs = new string[] { "s1", "s2" };
        Console.WriteLine(objs[1]);
        Console.WriteLine(objs.Length);
        Animal[] dogs = new Dog[2];
        dogs[0] = new Dog();
        Console.WriteLine(dogs[0].Name());
        Console.WriteLine(dogs[1] == null);
        int[] empty = new int[0];
        Console.WriteLine(empty.Length);
        int[] fib = new int[20];
        fib[0] = 0; fib[1] = 1;
        for (int i = 2; i < fib.Length; i++) fib[i] = fib[i - 1] + fib[i - 2];
        Console.WriteLine(fib[fib.Length - 1]);
        int[] copyArr = (int[])fib.Clone();
        copyArr[0] = 77;
        Console.WriteLine(fib[0] + " " + copyArr[0]);
        Console.WriteLine("covariant store");
        dogs[1] = new Cat();
        Console.WriteLine("unreachable");
    }
}
