using System;
struct Pair { public int A; public int B; }
class Holder { public Pair P; public int Extra; }
class Program { static int Main() { Holder h = new Holder(); h.P.A = 5; h.P.B = 6; h.Extra = 7; Pair q = h.P; q.A = 50; Console.WriteLine(h.P.A + h.P.B + h.Extra); Console.WriteLine(q.A); return 0; } }
