using System;
class Account { protected long balance; public virtual void Deposit(long amt) { balance += amt; } public long Balance { get { return balance; } } }
class Savings : Account { public override void Deposit(long amt) { base.Deposit(amt + amt / 10); } }
class Program { static void Main() { Account[] accts = { new Account(), new Savings() };
  foreach (var a in accts) { a.Deposit(100); a.Deposit(50); Console.WriteLine(a.Balance); } } }
