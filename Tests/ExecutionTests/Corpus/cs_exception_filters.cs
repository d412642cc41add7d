// Exception filters (catch ... when): a filter that accepts, one that rejects so the next clause
// runs, an inner filter that rejects so the exception leaves for the caller's filter, a filter on
// a derived type, and a rethrow from a filtered catch. The filters have no side effects, so the
// order in which they run relative to inner finally blocks does not show.
using System;

class Program {
    static void Throw(int code) {
        if (code % 2 == 0) throw new ArgumentException("code " + code);
        throw new InvalidOperationException("code " + code);
    }

    static int Inner(int code) {
        try {
            try { Throw(code); }
            finally { Console.WriteLine("  inner finally"); }
        }
        catch (Exception e) when (e.Message == "code 1") { Console.WriteLine("  inner filter took " + e.Message); return 1; }
        catch (ArgumentException e) when (e.Message.Length > 6) { Console.WriteLine("  long argument " + e.Message); return 2; }
        return 0;
    }

    static int Outer(int code) {
        try { return Inner(code); }
        catch (ArgumentException e) when (e.Message == "code 2") { Console.WriteLine("  outer filter took " + e.Message); return 20; }
        catch (InvalidOperationException e) { Console.WriteLine("  outer catch " + e.Message); return 30; }
    }

    static int Rethrows() {
        try {
            try { Throw(4); }
            catch (ArgumentException e) when (e.Message == "code 4") { Console.WriteLine("  filtered, rethrowing"); throw; }
        }
        catch (Exception e) { Console.WriteLine("  caught again: " + e.Message); return 4; }
        return 0;
    }

    static int Main() {
        int sum = 0;
        for (int code = 1; code <= 3; code++) {
            Console.WriteLine("code " + code + ":");
            sum += Outer(code);
        }
        Console.WriteLine("code 12:");
        sum += Outer(12);
        sum += Rethrows();
        Console.WriteLine(sum);
        return sum;
    }
}
