using System;
class Item { public int Value; }
class Program { static int Main() { Item[] items = new Item[2]; items[0] = new Item(); items[0].Value = 3; Console.WriteLine(items[0].Value); Console.WriteLine(items[1].Value); return 0; } }
