using System;
class Point { public int X, Y; public Point(int x, int y) { X = x; Y = y; } public int Sum() { return X + Y; } }
class Program { static int Main() { var p = new Point(3, 4); p.X += 10; Console.WriteLine(p.Sum()); return p.X; } }
