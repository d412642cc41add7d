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

    /// The PerfScore a compilation reports without printing its listing is the sum of the figures the
    /// listing prints per group (each rounded to two decimals there).
    @Test(arguments: Arch.allCases)
    func perfScoreIsTheListingsSum(_ arch: Arch) throws {
        // Loops (weights above 1), calls, a field, an array: groups of several weights.
        let module = try ILParser.parse("""
            .assembly extern mscorlib {}
            .assembly t {}
            .class public Program extends [mscorlib]System.Object {
              .field static int32 s
              .method public static int32 Sum(int32[] a) cil managed {
                .locals init (int32 i, int32 t)
                br.s TEST
              LOOP: ldloc.1 ldarg.0 ldloc.0 ldelem.i4 add stloc.1 ldloc.0 ldc.i4.1 add stloc.0
              TEST: ldloc.0 ldarg.0 ldlen conv.i4 blt.s LOOP
                ldloc.1 ret
              }
              .method public static int32 Twice(int32 x) cil managed { ldarg.0 ldarg.0 add ret }
              .method public static int32 Calls(int32 x) cil managed
              { ldarg.0 call int32 Program::Twice(int32) ldsfld int32 Program::s add dup stsfld int32 Program::s ret }
            }
            """, file: "t.il")
        let compiler = ModuleCompiler(module: module)
        var checked = 0
        for t in module.types {
            for m in t.methods where !m.body.isEmpty {
                let c = try compiler.compile(m, arch: arch)
                var printed = 0.0, groups = 0
                for line in c.listing.split(separator: "\n") {
                    guard let r = line.range(of: "PerfScore ") else { continue }
                    printed += Double(line[r.upperBound...].split(separator: " ").first ?? "") ?? 0
                    groups += 1
                }
                #expect(abs(c.perfScore - printed) <= 0.005 * Double(groups) + 1e-9, "\(m.name): \(c.perfScore) vs \(printed)")
                let bare = try compiler.compile(m, arch: arch, listing: false)
                #expect(bare.listing.isEmpty && bare.code == c.code && bare.perfScore == c.perfScore)
                checked += 1
            }
        }
        #expect(checked == 3)
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
        // The stages: the parse, every phase of the table in order, the emitter and the rest; they add up.
        #expect(t.stages.map(\.name) == ["parse"] + Phase.allCases.map(\.rawValue) + ["emit", "other"])
        #expect(t.stages.allSatisfy { $0.seconds >= 0 })
        #expect(abs(t.stages.reduce(0) { $0 + $1.seconds } - t.seconds) < 1e-6)
        let rows = Bench.stageRows(t, 2)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.unit == "us/method" && $0.name.hasPrefix("stage ") })
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
