using System;
class Box<T> { T value; public Box(T v) { value = v; } public T Get() { return value; } public void Set(T v) { value = v; } }
class Program { static void Main() {
  var bi = new Box<int>(41); bi.Set(bi.Get() + 1); Console.WriteLine(bi.Get());
  var bs = new Box<string>("hello"); Console.WriteLine(bs.Get());
  var bl = new Box<long>(1L << 40); Console.WriteLine(bl.Get()); } }
