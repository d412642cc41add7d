using System;
class Node { public int Value; public Node Next; public Node(int v, Node n) { Value = v; Next = n; } }
class Program { static void Main() {
  Node head = null; for (int i = 1; i <= 5; i++) head = new Node(i, head);
  int sum = 0; for (Node n = head; n != null; n = n.Next) { sum += n.Value; Console.Write(n.Value); Console.Write(' '); }
  Console.WriteLine(); Console.WriteLine(sum); } }
