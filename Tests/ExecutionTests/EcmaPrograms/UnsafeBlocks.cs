using System;
struct Pair { public int A; public long B; }
unsafe class Program {
    static volatile int counter;
    static int Sum(int n) {
        int* p = stackalloc int[n];
        for (int i = 0; i < n; i++) p[i] = i * i;
        int s = 0;
        for (int i = 0; i < n; i++) s += p[i];
        return s;
    }
    static int Main() {
        Console.WriteLine(Sum(10));
        counter = 5;
        counter += 2;
        Console.WriteLine(counter);
        Console.WriteLine(sizeof(Pair));
        Pair q = new Pair(); q.A = 3; q.B = 4;
        Pair* pq = &q;
        Console.WriteLine(pq->A + (int)pq->B);
        return 100;
    }
}
