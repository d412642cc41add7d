// A chain of 24 methods, each adding its own step before calling the next.
using System;

static class Program
{
    static int M01(int x, long acc) { return M02(x + 1, acc * 3 + x) ^ 7; }
    static int M02(int x, long acc) { return M03(x + 2, acc * 3 + x) ^ 14; }
    static int M03(int x, long acc) { return M04(x + 3, acc * 3 + x) ^ 21; }
    static int M04(int x, long acc) { return M05(x + 4, acc * 3 + x) ^ 28; }
    static int M05(int x, long acc) { return M06(x + 5, acc * 3 + x) ^ 35; }
    static int M06(int x, long acc) { return M07(x + 6, acc * 3 + x) ^ 42; }
    static int M07(int x, long acc) { return M08(x + 7, acc * 3 + x) ^ 49; }
    static int M08(int x, long acc) { return M09(x + 8, acc * 3 + x) ^ 56; }
    static int M09(int x, long acc) { return M10(x + 9, acc * 3 + x) ^ 63; }
    static int M10(int x, long acc) { return M11(x + 10, acc * 3 + x) ^ 70; }
    static int M11(int x, long acc) { return M12(x + 11, acc * 3 + x) ^ 77; }
    static int M12(int x, long acc) { return M13(x + 12, acc * 3 + x) ^ 84; }
    static int M13(int x, long acc) { return M14(x + 13, acc * 3 + x) ^ 91; }
    static int M14(int x, long acc) { return M15(x + 14, acc * 3 + x) ^ 98; }
    static int M15(int x, long acc) { return M16(x + 15, acc * 3 + x) ^ 105; }
    static int M16(int x, long acc) { return M17(x + 16, acc * 3 + x) ^ 112; }
    static int M17(int x, long acc) { return M18(x + 17, acc * 3 + x) ^ 119; }
    static int M18(int x, long acc) { return M19(x + 18, acc * 3 + x) ^ 126; }
    static int M19(int x, long acc) { return M20(x + 19, acc * 3 + x) ^ 133; }
    static int M20(int x, long acc) { return M21(x + 20, acc * 3 + x) ^ 140; }
    static int M21(int x, long acc) { return M22(x + 21, acc * 3 + x) ^ 147; }
    static int M22(int x, long acc) { return M23(x + 22, acc * 3 + x) ^ 154; }
    static int M23(int x, long acc) { return M24(x + 23, acc * 3 + x) ^ 161; }
    static int M24(int x, long acc) { return x + (int)(acc % 1000003); }

    static void Main()
    {
        Console.WriteLine(M01(0, 1));
        Console.WriteLine(M01(100, -5));
        Console.WriteLine(M12(7, 7));
        Console.WriteLine(M24(1, 2));
    }
}
