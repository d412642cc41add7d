using System;
class Plain { }
class Named { public override string ToString() { return "named"; } }
class Program {
    static int Main() {
        object[] items = { new Plain(), new Named(), "str" };
        foreach (object o in items) {
            Func<string> f = o.ToString;
            Console.WriteLine(f());
        }
        return 100;
    }
}
