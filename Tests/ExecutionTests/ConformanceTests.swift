import Execution
import Foundation
import JIT
import Testing

/// The conformance run (Tests/Conformance): the manifest, the outcome classes, and the vendored
/// sample itself on both targets: no wrong answer, no crash, every failure a located diagnostic,
/// and at least 90% passing.
@Suite struct ConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance")
    static let suite = ProcessInfo.processInfo.environment["JITBOOK_IL_CONFORMANCE"]
        ?? folder.appendingPathComponent("JIT").path
    static var sample: [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("sample.txt"), encoding: .utf8)) ?? ""
        return Conformance.sample(manifest: text)
    }

    @Test func manifestIsTheRuleSample() {
        let s = Self.sample
        #expect(s.count == 241)
        #expect(Set(s).count == s.count)
        let parts = Dictionary(grouping: s, by: Conformance.part)
        #expect(parts["IL_Conformance"]?.count == 151)
        #expect(parts["Directed"]?.count == 90)
        for (_, tests) in parts { #expect(tests == tests.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }) }
        #expect(s.allSatisfy { ($0.hasPrefix("IL_Conformance/Old/Conformance_Base/") || $0.hasPrefix("Directed/")) && $0.hasSuffix(".il") })
    }

    /// Hand-written programs, one per outcome class.
    @Test(arguments: [
        ("ret100", "ldc.i4 100 ret", "pass"),
        ("ret7", "ldc.i4 7 ret", "FAIL"),
        ("arglist", "arglist pop ldc.i4 100 ret", "not-supported"),
        ("badsub", "ldc.i4.1 ldsflda int32 P::F sub pop ldc.i4 100 ret", "rejected"),
    ])
    func outcomeClasses(_ name: String, _ body: String, _ status: String) throws {
        let il = """
        .assembly extern mscorlib {}
        .class public P {
          .field public static int32 F
          .method public static int32 Id(int32 x) { ldarg.0 ret }
          .method public static int32 main(class [mscorlib]System.String[]) { .entrypoint .maxstack 4 \(body) }
        }
        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-conformance-\(getpid())-\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).il")
        try il.write(to: file, atomically: true, encoding: .utf8)
        for arch in Arch.allCases {
            let r = Conformance.run(file: file.path, test: name, arch: arch)
            #expect(r.outcome.status == status, "\(arch): \(r.outcome.detail)")
            if status != "pass" && status != "FAIL" { #expect(r.outcome.detail.contains("\(name).il:")) }
        }
    }

    @Test func theSampleIsVendored() {
        #expect(Self.sample.count == 241)
        for t in Self.sample { #expect(FileManager.default.fileExists(atPath: "\(Self.suite)/\(t)"), "\(t) is missing") }
    }

    @Test func sampleRunsOnBothTargets() {
        let box = ResultBox()
        let work = Arch.allCases.flatMap { a in Self.sample.map { (a, $0) } }
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let (a, t) = work[i]
            let r = Conformance.run(file: "\(Self.suite)/\(t)", test: t, arch: a)
            box.append(r)
        }
        let results = box.all
        for r in results {
            if case .failure(let why) = r.outcome { Issue.record("\(r.arch.rawValue) \(r.test): \(why)") }
        }
        for a in Arch.allCases {
            let t = Conformance.tally(results, arch: a)
            #expect(t.failed == 0)
            #expect(t.rate >= 0.9, "\(a.rawValue): \(t.passed)/\(t.total)")
        }
    }
}

/// The results of concurrent runs.
private final class ResultBox: @unchecked Sendable {
    private var items: [Conformance.Result] = []
    private let lock = NSLock()
    func append(_ r: Conformance.Result) { lock.withLock { items.append(r) } }
    var all: [Conformance.Result] { lock.withLock { items } }
}
