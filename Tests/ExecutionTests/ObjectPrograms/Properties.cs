using System;

struct Vec {
    public int X, Y;
    public Vec(int x, int y) { X = x; Y = y; }
    public static Vec operator +(Vec a, Vec b) { return new Vec(a.X + b.X, a.Y + b.Y); }
    public static Vec operator -(Vec a) { return new Vec(-a.X, -a.Y); }
    public static Vec operator *(Vec a, int k) { return new Vec(a.X * k, a.Y * k); }
    public static bool operator ==(Vec a, Vec b) { return a.X == b.X && a.Y == b.Y; }
    public static bool operator !=(Vec a, Vec b) { return !(a == b); }
    public override bool Equals(object o) { return o is Vec && this == (Vec)o; }
    public override int GetHashCode() { return X * 31 + Y; }
    public override string ToString() { return "(" + X + ", " + Y + ")"; }
    public int LengthSquared { get { return X * X + Y * Y; } }
}

class Money {
    readonly long cents;
    public Money(long c) { cents = c; }
    public static implicit operator Money(int dollars) { return new Money(dollars * 100L); }
    public static explicit operator long(Money m) { return m.cents; }
    public static Money operator +(Money a, Money b) { return new Money(a.cents + b.cents); }
    public static bool operator <(Money a, Money b) { return a.cents < b.cents; }
    public static bool operator >(Money a, Money b) { return a.cents > b.cents; }
    public override string ToString() { return "$" + cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100; }
    public override bool Equals(object o) { Money m = o as Money; return m != null && m.cents == cents; }
    public override int GetHashCode() { return (int)cents; }
}

class Grid {
    int[] cells;
    public int Width { get; private set; }
    public int Height { get; }
    public string Name { get; set; } = "grid";
    public Grid(int w, int h) { Width = w; Height = h; cells = new int[w * h]; }
    public int this[int x, int y] {
        get { return cells[y * Width + x]; }
        set { cells[y * Width + x] = value; }
    }
    public int this[int i] { get { return cells[i]; } }
    private int version;
    public int Version { get { return version; } set { version = value < 0 ? 0 : value; } }
}

class Program {
    static void Main() {
        Vec a = new Vec(1, 2), b = new Vec(3, 4);
        Console.WriteLine(a + b);
        Console.WriteLine(-a);
        Console.WriteLine(b * 3);
        Console.WriteLine(a == new Vec(1, 2));
        Console.WriteLine(a != b);
        Console.WriteLine(a.Equals(new Vec(1, 2)));
        Console.WriteLine(a.Equals(b));
        Console.WriteLine(a.Equals("x"));
        Console.WriteLine(b.GetHashCode());
        Console.WriteLine(b.LengthSquared);
        object boxed = b;
        Console.WriteLine(boxed.ToString());
        Console.WriteLine(boxed.Equals(new Vec(3, 4)));
        Money m = 5;
        Money n = new Money(250);
        Money sum = m + n;
        Console.WriteLine(sum);
        Console.WriteLine((long)sum);
        Console.WriteLine(m < n);
        Console.WriteLine(m > n);
        Console.WriteLine(sum.Equals(new Money(750)));
        Console.WriteLine(sum.GetHashCode());
        Console.WriteLine(new Money(1207));
        Grid g = new Grid(3, 2);
        g[1, 1] = 9;
        g[2, 0] = 4;
        g[2, 0] += 1;
        Console.WriteLine(g[1, 1] + g[2, 0]);
        Console.WriteLine(g[4]);
        Console.WriteLine(g.Width + "x" + g.Height);
        Console.WriteLine(g.Name);
        g.Name = "board";
        Console.WriteLine(g.Name);
        g.Version = 5;
        g.Version++;
        Console.WriteLine(g.Version);
        g.Version = -3;
        Console.WriteLine(g.Version);
    }
}
