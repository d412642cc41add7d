using System;

struct Point { public int X; public long Y; public Point(int x, long y) { X = x; Y = y; } }

class Program {
    static int Sum(int[,] a) {
        int s = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                s += a[i, j];
        return s;
    }

    static void Bump(ref int x) { x += 100; }

    static void Main() {
        int[,] grid = new int[3, 4];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                grid[i, j] = i * 10 + j;
        Console.WriteLine(Sum(grid));
        Console.WriteLine(grid.Length);
        Console.WriteLine(grid.Rank);
        Console.WriteLine(grid.GetLength(0) + " x " + grid.GetLength(1));
        Console.WriteLine(grid.GetUpperBound(1) + " " + grid.GetLowerBound(0));
        grid[2, 3] += 5;
        grid[1, 1]++;
        Bump(ref grid[0, 2]);
        Console.WriteLine(grid[2, 3] + " " + grid[1, 1] + " " + grid[0, 2]);

        long[,,] cube = new long[2, 3, 4];
        long n = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    cube[i, j, k] = n++ * 1000000000L;
        Console.WriteLine(cube[1, 2, 3]);
        Console.WriteLine(cube.Length + " " + cube.Rank + " " + cube.GetLength(2));

        string[,] names = new string[2, 2];
        names[0, 0] = "a"; names[0, 1] = "b"; names[1, 0] = "c";
        Console.WriteLine(names[0, 0] + names[0, 1] + names[1, 0] + (names[1, 1] == null));
        object[,] objs = new object[1, 2];
        objs[0, 1] = 42;
        Console.WriteLine(objs[0, 1]);

        Point[,] pts = new Point[2, 3];
        pts[1, 2] = new Point(7, 8000000000L);
        pts[0, 1].X = 3;
        Console.WriteLine(pts[1, 2].X + " " + pts[1, 2].Y + " " + pts[0, 1].X + " " + pts[0, 0].Y);

        int[,] init = { { 1, 2, 3 }, { 4, 5, 6 } };
        int total = 0;
        foreach (int v in init) total += v;
        Console.WriteLine(total);
        Console.WriteLine(init[1, 0]);

        Array asArray = grid;
        Console.WriteLine(asArray.Length + " " + asArray.Rank);
        Console.WriteLine(grid);
        Console.WriteLine(names);

        Console.WriteLine("done");
    }
}
