// Ackermann's function for small arguments: deep, non-primitive recursion.
using System;

static class Program
{
    static int Ack(int m, int n)
    {
        if (m == 0) return n + 1;
        if (n == 0) return Ack(m - 1, 1);
        return Ack(m - 1, Ack(m, n - 1));
    }

    static void Main()
    {
        for (int m = 0; m <= 3; m++)
        {
            for (int n = 0; n <= 3; n++)
            {
                Console.Write(Ack(m, n));
                Console.Write(" ");
            }
            Console.WriteLine();
        }
        Console.WriteLine(Ack(2, 10));
        Console.WriteLine(Ack(3, 5));
    }
}
