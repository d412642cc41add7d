using System;

class Program {
    static int Main() {
        int[,] grid = new int[3, 4];
        grid[2, 3] = 7;
        Console.WriteLine(grid[2, 3]);
        // Within the 12 elements in total, but column 5 is outside the second dimension.
        Console.WriteLine(grid[1, 5]);
        return 0;
    }
}
