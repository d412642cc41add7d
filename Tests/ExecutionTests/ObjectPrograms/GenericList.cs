using System;
class MyList<T> {
  T[] items = new T[2]; int count;
  public void Add(T item) { if (count == items.Length) { T[] n = new T[items.Length * 2]; for (int i = 0; i < count; i++) n[i] = items[i]; items = n; } items[count++] = item; }
  public T this[int i] { get { return items[i]; } }
  public int Count { get { return count; } } }
class Program { static void Main() {
  var l = new MyList<int>(); for (int i = 0; i < 10; i++) l.Add(i * 3);
  int s = 0; for (int i = 0; i < l.Count; i++) s += l[i]; Console.WriteLine(s);
  var n = new MyList<string>(); n.Add("a"); n.Add("b"); n.Add("c"); Console.WriteLine(n[0] + n[1] + n[2] + n.Count); } }
