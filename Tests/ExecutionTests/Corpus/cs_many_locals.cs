// 34 locals that all stay live across calls: the register allocator must spill.
using System;

static class Program
{
    static int Mix(int a, int b) { return a * 31 + b; }
    static long Wide(long a, int b) { return a * 7 - b; }

    static void Main()
    {
        int v00 = Mix(1, 2);
        int v01 = Mix((int)v00, 1);
        int v02 = Mix((int)v01, 2);
        int v03 = Mix((int)v02, 3);
        long v04 = Wide(v03, 4);
        int v05 = Mix((int)v04, 5);
        int v06 = Mix((int)v05, 6);
        int v07 = Mix((int)v06, 7);
        int v08 = Mix((int)v07, 8);
        long v09 = Wide(v08, 9);
        int v10 = Mix((int)v09, 10);
        int v11 = Mix((int)v10, 11);
        int v12 = Mix((int)v11, 12);
        int v13 = Mix((int)v12, 13);
        long v14 = Wide(v13, 14);
        int v15 = Mix((int)v14, 15);
        int v16 = Mix((int)v15, 16);
        int v17 = Mix((int)v16, 17);
        int v18 = Mix((int)v17, 18);
        long v19 = Wide(v18, 19);
        int v20 = Mix((int)v19, 20);
        int v21 = Mix((int)v20, 21);
        int v22 = Mix((int)v21, 22);
        int v23 = Mix((int)v22, 23);
        long v24 = Wide(v23, 24);
        int v25 = Mix((int)v24, 25);
        int v26 = Mix((int)v25, 26);
        int v27 = Mix((int)v26, 27);
        int v28 = Mix((int)v27, 28);
        long v29 = Wide(v28, 29);
        int v30 = Mix((int)v29, 30);
        int v31 = Mix((int)v30, 31);
        int v32 = Mix((int)v31, 32);
        int v33 = Mix((int)v32, 33);
        int check = Mix(3, 4);
        long total = v00 * 1 + v01 * 2 + v02 * 3 + v03 * 4 + v04 * 5 + v05 * 6 + v06 * 7 + v07 * 8 + v08 * 9 + v09 * 10 + v10 * 11 + v11 * 12 + v12 * 13 + v13 * 14 + v14 * 15 + v15 * 16 + v16 * 17 + v17 * 18 + v18 * 19 + v19 * 20 + v20 * 21 + v21 * 22 + v22 * 23 + v23 * 24 + v24 * 25 + v25 * 26 + v26 * 27 + v27 * 28 + v28 * 29 + v29 * 30 + v30 * 31 + v31 * 32 + v32 * 33 + v33 * 34;
        Console.WriteLine(v00);
        Console.WriteLine(v03);
        Console.WriteLine(v06);
        Console.WriteLine(v09);
        Console.WriteLine(v12);
        Console.WriteLine(v15);
        Console.WriteLine(v18);
        Console.WriteLine(v21);
        Console.WriteLine(v24);
        Console.WriteLine(v27);
        Console.WriteLine(v30);
        Console.WriteLine(v33);
        Console.WriteLine(check);
        Console.WriteLine(total);
    }
}
