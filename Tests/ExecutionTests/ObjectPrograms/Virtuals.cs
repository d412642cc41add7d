using System;
abstract class Shape { public abstract int Area(); public virtual string Name() { return "shape"; } }
class Square : Shape { int s; public Square(int s) { this.s = s; } public override int Area() { return s * s; } public override string Name() { return "square"; } }
class Rect : Shape { int w, h; public Rect(int w, int h) { this.w = w; this.h = h; } public override int Area() { return w * h; } }
class Program { static int Main() {
  Shape[] shapes = { new Square(3), new Rect(2, 5), new Square(4) };
  int total = 0;
  foreach (Shape s in shapes) { Console.WriteLine(s.Name() + " " + s.Area()); total += s.Area(); }
  Console.WriteLine(total); return 0; } }
