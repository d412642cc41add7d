import Diagnostics
import Execution
import Foundation
import IL
import JIT
import Site
import Workbook

/// The groups of measures, as `--only` names them.
public enum BenchGroup: String, CaseIterable, Sendable {
    /// JIT throughput: the generated corpus, the book's methods, the async corpus.
    case jit
    /// Code size and PerfScore.
    case code
    /// Run time of generated code on the kernels.
    case run
    /// `jitbook test` and `jitbook render` of the book.
    case book
    /// `jitbook serve`'s re-render after an edit (measured by the CLI, which has the server's site model).
    case serve
}

/// What `jitbook bench` measures and how hard.
public struct BenchOptions: Sendable {
    /// The book's root (chapters/, Tests/ExecutionTests/AsyncPrograms).
    public var root: URL
    /// Where generated sources, assemblies and listings go (reused between runs).
    public var workDirectory: URL
    /// Corpus sizes for the JIT throughput measure.
    public var corpusSizes: [Int] = [100, 1000, 10000]
    /// Corpus size for the code quality measure.
    public var codeQualitySize = 1000
    /// Whole-process and in-process timings keep the best of this many runs.
    public var repeats = 3
    /// Loop counts of the run-time kernels are multiplied by this (a quick run uses less).
    public var kernelScale = 1.0
    /// Which groups of measures run (all by default).
    public var groups: Set<BenchGroup> = Set(BenchGroup.allCases)

    public init(root: URL, workDirectory: URL) {
        self.root = root
        self.workDirectory = workDirectory
    }

    /// Small sizes for a smoke run (tests, a first look).
    public static func quick(root: URL, workDirectory: URL) -> BenchOptions {
        var o = BenchOptions(root: root, workDirectory: workDirectory)
        o.corpusSizes = [100]
        o.codeQualitySize = 100
        o.repeats = 1
        o.kernelScale = 0.02
        return o
    }
}

/// `jitbook bench`: JIT throughput, code quality, generated code's run time and the book's own speed.
///
/// Every measure that has a peer measures it in the same run, on the same input, so the
/// ratio is meaningful on whatever machine runs it. The peer is mono (Debian's mono 6.8):
/// RyuJIT is not installable here (no .NET runtime in Debian 12 or on PyPI).
public struct Bench {
    public var options: BenchOptions
    var progress: @Sendable (String) -> Void
    let mono: Mono

    public init(options: BenchOptions, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
        mono = Mono(workDirectory: options.workDirectory)
    }

    /// Runs the chosen measures in order and returns the report.
    public func run() throws -> BenchReport {
        var report = BenchReport(machine: Self.machine())
        let g = options.groups
        if g.contains(.jit) {
            try jitThroughput(&report)
            try bookAndAsyncThroughput(&report)
        }
        if g.contains(.code) { try codeQuality(&report) }
        if g.contains(.run) { try kernels(&report) }
        if g.contains(.book) { try book(&report) }
        return report
    }

    static let monoJit = "mono --compile-all"

    /// The smallest difference of two mono process times taken as compile time (seconds).
    static let monoResolution = 0.001

    /// The corpus's own methods `M0`...`M{N-1}` (not Main, not Node's constructor).
    static func isGenerated(_ m: MethodDef) -> Bool {
        m.name.count > 1 && m.name.hasPrefix("M") && m.name.dropFirst().allSatisfy(\.isNumber)
    }

    /// (a) the generated corpus at each size, x64 and arm64, against mono's JIT on the same IL.
    func jitThroughput(_ report: inout BenchReport) throws {
        let empty = try mono.compile(csharp: "static class Program { static int Main() { return 0; } }\n", name: "bench_empty")
        // mono's figure is a difference of two process times: more runs than ours, so that the best
        // of each is near its floor (a 100-method corpus compiles in a few ms of a 17 ms process).
        let monoRepeats = max(options.repeats * 3, 5)
        let start = try mono.compileAllSeconds(empty, repeats: monoRepeats)
        for n in options.corpusSizes {
            progress("jit: corpus of \(n) methods")
            let exe = try mono.compile(csharp: CorpusGenerator(methodCount: n).csharp(), name: "bench_corpus_\(n)")
            let il = try mono.disassemble(exe)
            let whole = try mono.compileAllSeconds(exe, repeats: monoRepeats)
            // Below a millisecond the difference is process-start noise, not compile time: no ratio then.
            let monoSeconds: Double? = whole - start >= Self.monoResolution ? whole - start : nil
            let monoNote = monoSeconds == nil
                ? "parse + compile; mono: whole process \(BenchReport.number(whole * 1e3)) ms, within \(BenchReport.number(Self.monoResolution * 1e3)) ms of its start (\(BenchReport.number(start * 1e3)) ms): too short to time"
                : "parse + compile; mono: whole process minus its start (\(BenchReport.number(start * 1e3)) ms)"
            for arch in Arch.allCases {
                let (t, rejected) = try JitThroughput.time(il: il, file: "bench_corpus_\(n).il", arch: arch, repeats: options.repeats,
                                                           methodFilter: Self.isGenerated)
                guard rejected.isEmpty else {
                    throw Mono.Failure(description: "the model JIT rejected a corpus method: \(rejected[0])")
                }
                let peer = arch == .x64 ? monoSeconds.map { $0 * 1e6 / Double(n) } : nil
                report.rows.append(BenchRow(group: "jit", name: "corpus N=\(n), \(arch.rawValue)", value: t.microsecondsPerMethod,
                                            unit: "us/method", peer: peer, peerName: peer.map { _ in Self.monoJit },
                                            ratio: peer.map { $0 / t.microsecondsPerMethod }, ratioMeaning: peer.map { _ in "x mono's speed" },
                                            note: arch == .x64 ? monoNote : "parse + compile; mono has no arm64 JIT here"))
                report.rows.append(BenchRow(group: "jit", name: "corpus N=\(n), \(arch.rawValue), IL", value: t.ilBytesPerMicrosecond,
                                            unit: "IL bytes/us", peer: peer.flatMap { _ in monoSeconds.map { Double(t.ilBytes) / ($0 * 1e6) } },
                                            peerName: peer.map { _ in Self.monoJit }, note: "\(t.ilBytes) IL bytes in \(t.methods) methods"))
                if arch == .x64 && n == options.corpusSizes.last { report.rows += Self.stageRows(t, n) }
            }
        }
    }

    /// Where a corpus compile spends its time, stage by stage (the parse, each phase of the table,
    /// the emitter), as µs per method and share of the whole: the profile's first cut, without perf.
    static func stageRows(_ t: JitTiming, _ n: Int) -> [BenchRow] {
        let total = t.stages.reduce(0) { $0 + $1.seconds }
        guard total > 0 else { return [] }
        return t.stages.filter { $0.seconds / total >= 0.005 }.map { stage in
            BenchRow(group: "jit", name: "stage \(stage.name), corpus N=\(n), x64", value: stage.seconds * 1e6 / Double(max(t.methods, 1)),
                     unit: "us/method", note: "\(BenchReport.number(100 * stage.seconds / total))% of parse + compile"
                        + " (stages under 0.5% not shown)")
        }
    }

    /// (b) the book's own methods and (c) the async program corpus: no peer (mono has no runtime async).
    func bookAndAsyncThroughput(_ report: inout BenchReport) throws {
        progress("jit: the book's methods and the async corpus")
        let book = Book(root: options.root)
        var sources: [@Sendable () throws -> IL.Module] = []
        for url in try book.chapterFiles() {
            let chapter = try book.load(url)
            for name in Set(chapter.examples.map(\.module)).sorted() {
                if let m = chapter.module(named: name) {
                    let chunks = m.chunks
                    sources.append { try ILParser.parse(chunks, assemblyName: name) }
                }
            }
        }
        let asyncDir = options.root.appendingPathComponent("Tests/ExecutionTests/AsyncPrograms")
        let asyncFiles = ((try? FileManager.default.contentsOfDirectory(atPath: asyncDir.path)) ?? []).filter { $0.hasSuffix(".il") }.sorted()
        let asyncSources: [@Sendable () throws -> IL.Module] = try asyncFiles.map { file in
            let text = try String(contentsOf: asyncDir.appendingPathComponent(file), encoding: .utf8)
            return { try ILParser.parse(text, file: file) }
        }
        for (label, set) in [("book methods", sources), ("async corpus methods", asyncSources)] where !set.isEmpty {
            for arch in Arch.allCases {
                var seconds = 0.0, methods = 0, rejected: [String] = []
                for parse in set {
                    let (t, r) = try JitThroughput.time(parse: parse, arch: arch, repeats: options.repeats)
                    seconds += t.seconds
                    methods += t.methods
                    rejected += r.map(\.message)
                }
                report.rows.append(BenchRow(group: "jit", name: "\(label), \(arch.rawValue)", value: seconds * 1e6 / Double(max(methods, 1)),
                                            unit: "us/method",
                                            note: "\(methods) methods in \(set.count) modules"
                                                + (rejected.isEmpty ? "" : ", \(rejected.count) not compiled alone (e.g. \(rejected[0]))")
                                                + "; no peer (runtime async)"))
            }
        }
    }

    /// Code size per method against mono's code generator (its AOT output), as a geometric mean.
    func codeQuality(_ report: inout BenchReport) throws {
        let n = options.codeQualitySize
        progress("code: size and PerfScore, corpus of \(n) methods")
        let exe = try mono.compile(csharp: CorpusGenerator(methodCount: n).csharp(), name: "bench_corpus_\(n)")
        let il = try mono.disassemble(exe)
        let monoSizes = try mono.aotCodeSizes(exe)
        var monoByMethod: [String: Int] = [:]
        for (symbol, size) in monoSizes {
            let parts = symbol.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count >= 2, !parts[1].isEmpty else { continue }
            monoByMethod["\(parts[0])::\(parts[1])"] = size
        }
        let (t, _) = try JitThroughput.time(il: il, file: "bench_corpus_\(n).il", arch: .x64, methodFilter: Self.isGenerated)
        var logRatio = 0.0, matched = 0, ours = 0, theirs = 0, score = 0.0
        for (name, m) in t.perMethod.sorted(by: { $0.key < $1.key }) {
            score += m.perfScore
            guard let peer = monoByMethod[name], peer > 0, m.bytes > 0 else { continue }
            logRatio += log(Double(m.bytes) / Double(peer))
            matched += 1
            ours += m.bytes
            theirs += peer
        }
        let geomean = matched > 0 ? exp(logRatio / Double(matched)) : 0
        report.rows.append(BenchRow(group: "code", name: "code size, corpus N=\(n), x64", value: Double(ours) / Double(max(matched, 1)),
                                    unit: "bytes/method", peer: Double(theirs) / Double(max(matched, 1)), peerName: "mono --aot=asmonly",
                                    ratio: geomean, ratioMeaning: "ours/mono (geomean)",
                                    note: "\(matched) methods matched; mono's code includes its GC safepoint polls"))
        report.rows.append(BenchRow(group: "code", name: "PerfScore, corpus N=\(n), x64", value: score / Double(max(t.methods, 1)),
                                    unit: "per method", note: "the listing's summed PerfScore; no peer (RyuJIT not installable here)"))
    }

    /// Generated code's run time: kernels run with K and 2K iterations; the difference cancels start-up and JIT time.
    func kernels(_ report: inout BenchReport) throws {
        for kernel in Kernel.all {
            let k = max(1, Int(Double(kernel.iterations) * options.kernelScale))
            progress("run: \(kernel.name), \(k) iterations")
            var monoTimes: [Double] = [], monoOut: [String] = []
            var oursIL: [String] = []
            for (i, count) in [k, 2 * k].enumerated() {
                let exe = try mono.compile(csharp: kernel.csharp(count), name: "bench_kernel_\(kernel.name.filter(\.isLetter))_\(i)")
                let r = try mono.runSeconds(exe, repeats: options.repeats)
                monoTimes.append(r.seconds)
                monoOut.append(r.stdout)
                oursIL.append(try kernel.il.map { $0(count) } ?? mono.disassemble(exe))
            }
            for arch in Arch.allCases {
                var times: [Double] = []
                for (i, il) in oursIL.enumerated() {
                    let module = try ILParser.parse(il, file: "bench_kernel.il")
                    var best = Double.infinity
                    for _ in 0..<options.repeats {
                        let start = ContinuousClock.now
                        let r = try Runner.run(module: module, arch: arch, timeout: 120)
                        best = min(best, (ContinuousClock.now - start).seconds)
                        guard r.fault == nil, r.stdout == monoOut[i] else {
                            throw Mono.Failure(description: "kernel \(kernel.name) on \(arch.rawValue) printed \(r.transcript.debugDescription), mono printed \(monoOut[i].debugDescription)")
                        }
                    }
                    times.append(best)
                }
                let ours = max(times[1] - times[0], 1e-6)
                let peer = arch == .x64 ? max(monoTimes[1] - monoTimes[0], 1e-6) : nil
                report.rows.append(BenchRow(group: "run", name: "\(kernel.name), \(arch.rawValue)", value: ours * 1e3, unit: "ms",
                                            peer: peer.map { $0 * 1e3 }, peerName: peer.map { _ in "mono" },
                                            ratio: peer.map { ours / $0 }, ratioMeaning: peer.map { _ in "ours/mono time" },
                                            note: "\(k) iterations (time of 2K minus time of K)"
                                                + (arch == .arm64 ? "; under qemu-user, no peer" : "")))
            }
        }
    }

    /// The book itself: `jitbook test` cold, warm and after a one-chapter edit, and `jitbook render`.
    ///
    /// The test measures run on a copy of the chapters (the edit must not touch the reader's book)
    /// with a pass cache of their own, as `jitbook test` uses its cache.
    func book(_ report: inout BenchReport) throws {
        progress("book: test and render")
        let fm = FileManager.default
        let copy = options.workDirectory.appendingPathComponent("book-copy")
        try? fm.removeItem(at: copy)
        try fm.createDirectory(at: copy, withIntermediateDirectories: true)
        try fm.copyItem(at: options.root.appendingPathComponent("chapters"), to: copy.appendingPathComponent("chapters"))
        let book = Book(root: copy)
        let cacheDir = options.workDirectory.appendingPathComponent("pass-cache")
        try? fm.removeItem(at: cacheDir)
        let cache = PassCache(directory: cacheDir, version: PassCache.engineVersion())
        func timed(_ body: () throws -> Void) rethrows -> Double {
            let start = ContinuousClock.now
            try body()
            return (ContinuousClock.now - start).seconds
        }
        var examples = 0
        let cold = try timed { examples = try BookTest(book: book, engine: JITEngine(), cache: cache).run(chapters: []).passed }
        let warm = try timed { _ = try BookTest(book: book, engine: JITEngine(), cache: cache).run(chapters: []) }
        let chapters = try book.chapterFiles()
        guard let edited = chapters.last else { return }
        try (try String(contentsOf: edited, encoding: .utf8) + "\nAn edited paragraph.\n").write(to: edited, atomically: true, encoding: .utf8)
        let afterEdit = try timed { _ = try BookTest(book: book, engine: JITEngine(), cache: cache).run(chapters: []) }
        let uncached = try timed { _ = try BookTest(book: Book(root: options.root), engine: JITEngine()).run(chapters: []) }
        let out = options.workDirectory.appendingPathComponent("site")
        let render = try timed { _ = try SiteRenderer(book: Book(root: options.root), engine: JITEngine()).render(to: out) }
        let note = "in-process, a fresh JIT engine each time; chapters verified in parallel"
        report.rows.append(BenchRow(group: "book", name: "test, whole book (cold: empty pass cache)", value: cold, unit: "s",
                                    note: "\(examples) examples passed; \(note)"))
        report.rows.append(BenchRow(group: "book", name: "test, whole book (warm: nothing changed)", value: warm, unit: "s",
                                    note: "every chapter from the pass cache"))
        report.rows.append(BenchRow(group: "book", name: "test, whole book (one chapter edited: \(edited.lastPathComponent))", value: afterEdit,
                                    unit: "s", note: "that chapter verified, the others from the cache"))
        report.rows.append(BenchRow(group: "book", name: "test, whole book (--no-cache)", value: uncached, unit: "s", note: note))
        report.rows.append(BenchRow(group: "book", name: "render, whole book", value: render, unit: "s", note: note))
    }

    /// `x86_64, 2 cores, mono 6.8.0.105`.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let version = (try? Process.timed("mono", ["--version"]))?.stdout.split(separator: "\n").first.map(String.init) ?? "mono not found"
        return "x86_64, \(cores) cores; \(version)"
    }
}
