using System;
using System.Collections.Generic;

interface IShape { int Area(); string Name { get; } }
abstract class Shape : IShape {
  public abstract int Area();
  public abstract string Name { get; }
  public override string ToString() { return Name + "(" + Area() + ")"; }
}
class Rect : Shape {
  int w, h;
  public Rect(int w, int h) { this.w = w; this.h = h; }
  public override int Area() { return w * h; }
  public override string Name { get { return "Rect"; } }
}
class Square : Rect {
  public Square(int s) : base(s, s) { }
  public override string Name { get { return "Square"; } }
}
struct Point {
  public int X, Y;
  public Point(int x, int y) { X = x; Y = y; }
  public override string ToString() { return "(" + X + "," + Y + ")"; }
}

class Program {
  static int Total(List<Shape> shapes) {
    int t = 0;
    foreach (Shape s in shapes) t += s.Area();
    return t;
  }
  static void Main() {
    var shapes = new List<Shape>();
    shapes.Add(new Rect(2, 3));
    shapes.Add(new Square(4));
    shapes.Add(new Rect(1, 7));
    Console.WriteLine(shapes.Count);
    Console.WriteLine(Total(shapes));
    foreach (var s in shapes) Console.WriteLine(s);
    Shape sq = shapes[1];
    Console.WriteLine(shapes.Contains(sq) + " " + shapes.IndexOf(sq));
    shapes.RemoveAt(0);
    Console.WriteLine(shapes[0].Name + " " + shapes.Count);
    shapes.Insert(0, new Square(1));
    shapes[2] = new Square(10);
    for (int i = 0; i < shapes.Count; i++) Console.WriteLine(i + ": " + shapes[i]);
    Console.WriteLine(shapes.Remove(sq) + " " + shapes.Remove(sq) + " " + shapes.Count);

    var nums = new List<int> { 5, 3, 9, 1, 7 };
    nums.Add(4);
    int sum = 0;
    foreach (int n in nums) sum += n;
    Console.WriteLine("sum " + sum);
    Console.WriteLine(nums.Contains(9) + " " + nums.Contains(8) + " " + nums.IndexOf(7));
    nums.Sort();
    Console.WriteLine(string.Join(",", nums.ToArray().Length.ToString(), nums[0].ToString(), nums[5].ToString()));
    foreach (int n in nums) Console.Write(n + " ");
    Console.WriteLine();
    nums.Reverse();
    int[] arr = nums.ToArray();
    for (int i = 0; i < arr.Length; i++) Console.Write(arr[i] + ";");
    Console.WriteLine();
    nums.Clear();
    Console.WriteLine("cleared " + nums.Count);
    for (int i = 0; i < 100; i++) nums.Add(i * i);
    Console.WriteLine(nums[99] + " " + nums.Count);

    var words = new List<string>(4);
    words.Add("pear"); words.Add("apple"); words.Add("fig"); words.Add("banana");
    words.Sort();
    foreach (string w in words) Console.WriteLine(w);
    Console.WriteLine(words.IndexOf("fig") + " " + words.IndexOf("kiwi"));

    var pts = new List<Point>();
    pts.Add(new Point(1, 2)); pts.Add(new Point(3, 4));
    foreach (Point p in pts) Console.WriteLine(p);
    var nested = new List<List<int>>();
    for (int i = 0; i < 3; i++) { var row = new List<int>(); for (int j = 0; j <= i; j++) row.Add(j); nested.Add(row); }
    foreach (var row in nested) Console.WriteLine(row.Count);
    Console.WriteLine(nums[100]);
  }
}
