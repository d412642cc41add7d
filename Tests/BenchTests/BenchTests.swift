import Foundation
import IL
import JIT
import Testing
@testable import Bench

/// The benchmark's own pieces: the corpus generator, PerfScore summing and the report.
@Suite("Bench")
struct BenchTests {
    @Test func theCorpusIsDeterministicAndHasNMethods() {
        let a = CorpusGenerator(methodCount: 50).csharp()
        #expect(a == CorpusGenerator(methodCount: 50).csharp())
        #expect(a != CorpusGenerator(methodCount: 50, seed: 1).csharp())
        let headers = a.split(separator: "\n").filter { $0.hasPrefix("    static int M") && !$0.contains("Main") }
        #expect(headers.count == 50)
        #expect(a.contains("static int M49(int x, int y, int[] a, Node p)"))
    }

    @Test func callsOnlyGoToEarlierMethods() {
        let text = CorpusGenerator(methodCount: 200).csharp()
        var current = -1, calls = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("    static int M"), let n = Int(line.dropFirst(16).prefix { $0.isNumber }) { current = n }
            if let r = line.range(of: "s += M") {
                let callee = Int(line[r.upperBound...].prefix { $0.isNumber })!
                #expect(callee < current)
                calls += 1
            }
        }
        #expect(calls > 50)
    }

    @Test func perfScoreSumsTheGroups() {
        let listing = """
            G_M1_IG01:        ;; offset=0x0000
                   push     rbp
                                                            ;; size=1 bbWeight=1 PerfScore 1.00
            G_M1_IG02:        ;; offset=0x0001
                   ret
                                                            ;; size=1 bbWeight=1 PerfScore 2.25
            ; Total bytes of code 2

            """
        #expect(JitThroughput.perfScore(listing) == 3.25)
    }

    @Test func theModelJitCompilesWhatItIsGiven() throws {
        let il = """
            .assembly extern mscorlib {}
            .assembly t {}
            .class public Program extends [mscorlib]System.Object {
              .method public static int32 M0(int32 x) cil managed { ldarg.0 ldc.i4.1 add ret }
              .method public static int32 M1(int32 x) cil managed { ldarg.0 call int32 Program::M0(int32) ret }
            }
            """
        let (t, rejected) = try JitThroughput.time(il: il, file: "t.il", arch: .x64)
        #expect(rejected.isEmpty)
        #expect(t.methods == 2)
        #expect(t.ilBytes == 4 + 7)
        #expect(t.perMethod.keys.sorted() == ["Program::M0", "Program::M1"])
        #expect(t.codeBytes == t.perMethod.values.map(\.bytes).reduce(0, +))
    }

    @Test func tableAndJson() throws {
        var r = BenchReport(machine: "test")
        r.rows.append(BenchRow(group: "jit", name: "corpus N=100, x64", value: 12.345, unit: "us/method", peer: 30,
                               peerName: "mono", ratio: 2.43, ratioMeaning: "x mono's speed", note: "n"))
        r.rows.append(BenchRow(group: "book", name: "render", value: 0.5, unit: "s"))
        let table = r.table()
        #expect(table.contains("corpus N=100, x64  12.3 us/method  30.0 us/method (mono)  2.43 x mono's speed  n"))
        #expect(table.contains("render"))
        let decoded = try JSONDecoder().decode(BenchReport.self, from: r.json())
        #expect(decoded.rows == r.rows)
    }
}
