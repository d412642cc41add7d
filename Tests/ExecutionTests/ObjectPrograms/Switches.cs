using System;

class Program {
    static string Dense(int n) {
        switch (n) {
            case 0: return "zero";
            case 1: return "one";
            case 2: return "two";
            case 3: return "three";
            case 4: return "four";
            case 5: return "five";
            case 6: return "six";
            default: return "many";
        }
    }

    static int Sparse(int n) {
        switch (n) {
            case -100: return 1;
            case 7: return 2;
            case 1000: return 3;
            case 123456: return 4;
            case 2000000000: return 5;
            default: return 0;
        }
    }

    static int Words(string s) {
        switch (s) {
            case "apple": return 1;
            case "banana": return 2;
            case "cherry": return 3;
            case null: return -1;
            default: return 0;
        }
    }

    static int ManyWords(string s) {
        switch (s) {
            case "a": return 1;
            case "b": return 2;
            case "c": return 3;
            case "d": return 4;
            case "e": return 5;
            case "f": return 6;
            case "g": return 7;
            case "h": return 8;
            default: return 0;
        }
    }

    static int GotoCase(int n) {
        int acc = 0;
        switch (n) {
            case 1:
                acc += 1;
                goto case 2;
            case 2:
                acc += 10;
                goto case 3;
            case 3:
                acc += 100;
                break;
            case 4:
                acc += 1000;
                goto default;
            default:
                acc += 5;
                break;
        }
        return acc;
    }

    static int Grouped(char c) {
        switch (c) {
            case 'a': case 'e': case 'i': case 'o': case 'u':
                return 1;
            case ' ':
                return 2;
            default:
                return 0;
        }
    }

    static void Main() {
        for (int i = -1; i < 9; i++) Console.WriteLine(Dense(i));
        int[] probes = { -100, 7, 8, 1000, 123456, 2000000000, 0 };
        for (int i = 0; i < probes.Length; i++) Console.WriteLine(Sparse(probes[i]));
        Console.WriteLine(Words("apple") + Words("banana") * 10 + Words("cherry") * 100);
        Console.WriteLine(Words("durian"));
        Console.WriteLine(Words(null));
        string letters = "abcdefghz";
        int total = 0;
        for (int i = 0; i < letters.Length; i++) total = total * 3 + ManyWords(letters.Substring(i, 1));
        Console.WriteLine(total);
        for (int i = 0; i < 6; i++) Console.WriteLine(GotoCase(i));
        string text = "hello world again";
        int vowels = 0, spaces = 0;
        foreach (char ch in text) {
            switch (Grouped(ch)) {
                case 1: vowels++; break;
                case 2: spaces++; break;
            }
        }
        Console.WriteLine(vowels);
        Console.WriteLine(spaces);
        long big = 3;
        switch (big) {
            case 1L: Console.WriteLine("L1"); break;
            case 3L: Console.WriteLine("L3"); break;
            default: Console.WriteLine("L?"); break;
        }
    }
}
