import ArgumentParser
import Bench
import Foundation

/// `jitbook bench`: measure the JIT, its code and the book against mono; print a table, write JSON.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure JIT throughput, code quality, run time of generated code and the book's own speed, against mono.")
    @OptionGroup var options: BookOptions
    @Flag(help: "Small sizes and one repetition: a smoke run of every measure.")
    var quick = false
    @Option(help: "Where to write the JSON report. Default: .build/bench/results.json under the root.")
    var json: String?
    @Option(help: "Only these groups, comma-separated: jit, code, run, book, serve. Default: all.")
    var only: String?
    @Option(help: "serve group: samples per measure.")
    var iterations = 10
    @Option(help: "serve group: the chapter the edit measures change. Default: the last chapter.")
    var chapter: String?

    func run() throws {
        let root = options.book.root
        let work = root.appendingPathComponent(".build/bench")
        var opts = quick ? BenchOptions.quick(root: root, workDirectory: work) : BenchOptions(root: root, workDirectory: work)
        if let only {
            opts.groups = []
            for name in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let g = BenchGroup(rawValue: name) else {
                    throw ValidationError("unknown measure group '\(name)' (known: \(BenchGroup.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                opts.groups.insert(g)
            }
        }
        var report = try Bench(options: opts, progress: { Output.error("bench: " + $0) }).run()
        if opts.groups.contains(.serve) {
            Output.error("bench: serve: re-render after an edit")
            report.rows += try ServeBench.rows(book: options.book, iterations: quick ? 2 : iterations, chapter: chapter)
        }
        Output.out("jitbook bench on \(report.machine)\n")
        Output.out(report.table())
        let jsonURL = json.map { URL(fileURLWithPath: $0) } ?? work.appendingPathComponent("results.json")
        try FileManager.default.createDirectory(at: jsonURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.json().write(to: jsonURL)
        Output.out("wrote \(jsonURL.path)")
    }
}
