import ArgumentParser
import Foundation
import Fuzz

/// `jitbook fuzz [--target T]... [--seconds S | --runs N] [--seed N]`: the deterministic mutation fuzzer.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Fuzz the IL parser and verifier, the JIT, info strings, expectations, holes and chapters; "
            + "check random programs against an IL interpreter.",
        discussion: "Inputs run in a worker process (this executable, re-run with --worker): a trap or an input "
            + "running over 2 s is a finding, saved under --out. Targets: "
            + FuzzTarget.all.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + ".")
    @OptionGroup var options: BookOptions
    @Option(help: "A target to fuzz (repeatable). Default: every target.")
    var target: [String] = []
    @Option(help: "Seconds per target (default 10 unless --runs is given).")
    var seconds: Double?
    @Option(help: "Inputs per target.")
    var runs: Int?
    @Option(help: "The seed of the mutation stream.")
    var seed: UInt64 = 1
    @Option(help: "Where findings are saved. Default: .build/fuzz under the root.")
    var out: String?
    @Option(help: "Seconds one input may run before it counts as a hang (default 2; 10 for jit, 30 for differential).")
    var hangLimit: Double?
    @Option(help: "Print the random IL program of this seed (the differential tests' generator) and exit.")
    var program: UInt64?
    @Flag(help: .hidden) var worker = false
    @Option(help: "The first input index (rerun a finding with --start INDEX --runs 1 and the same --seed).")
    var start: UInt64 = 0

    func validate() throws {
        for name in target where FuzzTarget.named(name) == nil {
            throw ValidationError("unknown fuzz target '\(name)' (targets: \(FuzzTarget.all.map(\.name).joined(separator: ", ")))")
        }
        if worker && target.count != 1 { throw ValidationError("--worker runs exactly one --target") }
    }

    func run() throws {
        if let program {
            Output.out(ProgramGenerator().program(seed: program))
            return
        }
        let book = options.book
        let seeds = FuzzSeeds(root: book.root)
        let targets = target.isEmpty ? FuzzTarget.all : target.compactMap(FuzzTarget.named)
        if worker, let t = targets.first {
            let mutator = Mutator(corpus: t.seeds(seeds), dictionary: t.dictionary, seed: seed)
            FuzzWorker.run(target: t, mutator: mutator, start: start, runs: runs, seconds: seconds)
            return
        }
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let outDir = out.map { URL(fileURLWithPath: $0) } ?? book.root.appendingPathComponent(".build/fuzz")
        let budget = (runs == nil && seconds == nil) ? 10 : seconds
        var found = 0
        for t in targets {
            let corpus = t.seeds(seeds)
            var campaign = FuzzCampaign(target: t, mutator: Mutator(corpus: corpus, dictionary: t.dictionary, seed: seed)) {
                start, runs, seconds in
                var args = ["fuzz", "--worker", "--target", t.name, "--seed", String(seed), "--start", String(start),
                            "--root", book.root.path]
                if let runs { args += ["--runs", String(runs)] }
                if let seconds { args += ["--seconds", String(seconds)] }
                return (executable, args)
            }
            if let hangLimit { campaign.hangLimit = hangLimit }
            campaign.outputDirectory = outDir
            let report = try campaign.run(runs: runs, seconds: budget, first: start)
            Output.out(report.line + ", \(corpus.count) seeds")
            for f in report.findings {
                Output.error("\(f.kind.rawValue) in \(t.name) at input \(f.index) (seed \(seed))"
                             + (f.savedPath.map { ", saved to \($0)" } ?? "")
                             + (f.stderrPath.map { " (its stderr: \($0))" } ?? "") + ":\n\(f.detail)\n"
                             + "rerun: jitbook fuzz --target \(t.name) --seed \(seed) --start \(f.index) --runs 1")
            }
            found += report.findings.count
        }
        if found > 0 { throw ExitCode(1) }
    }
}
