// When class constructors run. A class with an explicit static constructor (no beforefieldinit)
// initializes right before its first static method, constructor or static field access; a class
// with only field initializers (beforefieldinit) may initialize earlier: mono, like the model, does
// it when the method that first touches its statics starts.
using System;

class Precise {
    public static int X;
    static Precise() { Console.WriteLine("Precise cctor"); X = 5; }
    public static int Get() { return X * 2; }
}

class Lazy {
    public static int Y = Init();
    static int Init() { Console.WriteLine("Lazy init"); return 7; }
}

class Counter {
    public static int N;
    static Counter() { Console.WriteLine("Counter cctor"); }
    public Counter() { N++; }
}

class Ping {
    public static int P;
    static Ping() { Console.WriteLine("Ping cctor sees Pong.Q = " + Pong.Q); P = 1; }
}

class Pong {
    public static int Q;
    static Pong() { Console.WriteLine("Pong cctor sees Ping.P = " + Ping.P); Q = 2; }
}

class Program {
    static void Show() { Console.WriteLine("Lazy.Y = " + Lazy.Y); }
    static void Main() {
        Console.WriteLine("main start");
        Console.WriteLine(Precise.Get());
        Console.WriteLine(Precise.X);
        Console.WriteLine("before lazy");
        Show();
        new Counter();
        new Counter();
        Console.WriteLine(Counter.N);
        Console.WriteLine("ping " + Ping.P);
        Console.WriteLine("pong " + Pong.Q);
    }
}
