using System;

class Item {
    public string Name;
    public int Qty;
    public Item(string n, int q) { Name = n; Qty = q; }
    public override string ToString() { return Name + "*" + Qty; }
}

class Program {
    static void Main() {
        int n = 255;
        Console.WriteLine("{0,5}|", n);
        Console.WriteLine("{0,-5}|", n);
        Console.WriteLine("{0:X}", n);
        Console.WriteLine("{0:x}", n);
        Console.WriteLine("{0:X4}", n);
        Console.WriteLine("{0:D4}", 42);
        Console.WriteLine("{0:D4}", -42);
        Console.WriteLine("{0:N0}", 1234567);
        Console.WriteLine("{0:N0}", -9876543210L);
        Console.WriteLine(string.Format("{0}-{1}-{2}", "a", 2, 'c'));
        Console.WriteLine(string.Format("{1}{0}{1}", "x", "y"));
        Console.WriteLine(string.Format("[{0,8:X}]", 48879));
        Console.WriteLine(string.Format("[{0,-8:D3}]", 7));
        Console.WriteLine(string.Format("{{literal}} {0}", 1));
        string name = "Ada";
        int age = 36;
        Console.WriteLine($"{name} is {age} years old");
        Console.WriteLine($"hex {age:X2} pad [{age,6}] left [{name,-6}]");
        Console.WriteLine($"{n:x8}");
        Console.WriteLine($"sum {age + n}");
        Item it = new Item("bolt", 12);
        Console.WriteLine($"item {it}");
        Console.WriteLine("{0,10}|", it);
        long big = 1L << 40;
        Console.WriteLine($"{big:X}");
        Console.WriteLine($"{-1:X}");
        uint u = 3000000000;
        Console.WriteLine($"{u} {u:X}");
        byte b = 10;
        Console.WriteLine($"{b:X2}");
        Console.WriteLine(string.Concat("a", "b", "c", "d", "e"));
        Console.WriteLine(string.Concat(1, 2, 3));
        Console.WriteLine("x" + 1 + 'y' + 2L + true + null + it);
        string[] parts = { "p", "q", "r", "s", "t", "u" };
        Console.WriteLine(string.Concat(parts));
        Console.WriteLine(parts[0] + parts[1] + parts[2] + parts[3] + parts[4] + parts[5]);
        Console.WriteLine(string.Format("{0} {1} {2} {3} {4}", 1, "two", 3L, '4', true));
        for (int i = 0; i < 3; i++) Console.WriteLine("{0,3}:{1,4}", i, i * i * 100);
    }
}
