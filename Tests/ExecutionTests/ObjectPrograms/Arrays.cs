using System;
class Program { static int Main() {
  int[] a = new int[10]; for (int i = 0; i < a.Length; i++) a[i] = i * i;
  long[] b = new long[3]; b[2] = 1L << 33; byte[] c = new byte[4]; c[1] = 200; short[] d = new short[2]; d[0] = -5;
  string[] s = new string[] { "x", "y", "z" };
  Console.WriteLine(a[9]); Console.WriteLine(b[2]); Console.WriteLine(c[1]); Console.WriteLine(d[0]); Console.WriteLine(s[1] + s.Length);
  char[] cs = { 'a', 'b' }; Console.WriteLine(cs[1]); return a[3]; } }
