using System;
using System.Collections.Generic;

class Item
{
    public string Name; public int Price;
    public Item(string n, int p) { Name = n; Price = p; }
}

class Program
{
    static void Show(List<int> xs)
    {
        xs.ForEach(x => Console.Write(x + " "));
        Console.WriteLine();
    }

    static int ByPriceDesc(Item a, Item b) { return b.Price - a.Price; }

    static int Main()
    {
        List<int> nums = new List<int>(new int[] { 5, 3, 9, 1, 7, 2, 8 });
        nums.Sort((a, b) => a - b);
        Show(nums);
        nums.Sort((a, b) => b.CompareTo(a));
        Show(nums);
        List<int> evens = nums.FindAll(x => x % 2 == 0);
        Show(evens);
        Console.WriteLine("first>4 " + nums.Find(x => x > 4) + " index " + nums.FindIndex(x => x < 3));
        Console.WriteLine("exists 7 " + nums.Exists(x => x == 7) + " exists 4 " + nums.Exists(x => x == 4));
        Console.WriteLine("all positive " + nums.TrueForAll(x => x > 0));
        int limit = 5;
        int removed = nums.RemoveAll(x => x > limit);
        Console.Write("removed " + removed + ": ");
        Show(nums);
        List<string> labels = nums.ConvertAll<string>(x => "#" + x);
        foreach (string s in labels) Console.Write(s);
        Console.WriteLine();

        List<Item> items = new List<Item>();
        items.Add(new Item("pen", 3)); items.Add(new Item("book", 12));
        items.Add(new Item("cup", 5)); items.Add(new Item("ink", 5));
        items.Sort(ByPriceDesc);
        foreach (Item it in items) Console.Write(it.Name + ":" + it.Price + " ");
        Console.WriteLine();
        items.Sort((a, b) => string.Compare(a.Name, b.Name));
        foreach (Item it in items) Console.Write(it.Name + " ");
        Console.WriteLine();
        Item cheap = items.Find(i => i.Price < 4);
        Console.WriteLine("cheap " + cheap.Name);
        Item none = items.Find(i => i.Price > 100);
        Console.WriteLine("none " + (none == null));

        Comparison<int> cmp = (a, b) => a % 3 - b % 3;
        List<int> mod = new List<int>(new int[] { 6, 4, 5, 3, 1, 2 });
        mod.Sort(cmp);
        Show(mod);
        int sum = 0;
        mod.ForEach(x => sum += x);
        return sum;
    }
}
