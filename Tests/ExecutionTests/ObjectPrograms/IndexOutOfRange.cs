using System;
class Program { static int Main() { int[] a = new int[3]; for (int i = 0; i <= 3; i++) { a[i] = i; Console.WriteLine(i); } return 0; } }
