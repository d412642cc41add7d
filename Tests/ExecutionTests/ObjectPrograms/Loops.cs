using System;
class Program { static int Main() {
  int primes = 0; bool[] sieve = new bool[100];
  for (int i = 2; i < 100; i++) { if (sieve[i]) continue; primes++; for (int j = i * i; j < 100; j += i) sieve[j] = true; }
  Console.WriteLine(primes); int k = 0; while (k * k < 500) k++; Console.WriteLine(k);
  int f = 1; int n = 0; do { f *= 3; n++; } while (f < 1000); Console.WriteLine(n); return primes; } }
