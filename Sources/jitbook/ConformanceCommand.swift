import ArgumentParser
import Diagnostics
import Execution
import Foundation
import JIT

/// `jitbook conformance [--arch x64|arm64|both] [--suite DIR]`: runs the conformance sample
/// (Tests/Conformance/sample.txt: CoreCLR's IL_Conformance and Directed IL tests) and prints each
/// test's result and the pass rate per target, for the whole sample and for each part.
struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run the sample of CoreCLR's IL conformance tests on x64 and arm64 and print the pass rate.")

    enum Target: String, ExpressibleByArgument { case x64, arm64, both }

    @OptionGroup var options: BookOptions
    @Option(help: "Target architecture: x64, arm64 or both.")
    var arch: Target = .both
    @Option(help: "The JIT tests folder of a dotnet/runtime checkout (src/tests/JIT) or of the coreclr tree (tests/src/JIT). Default: Tests/Conformance/JIT below the root.")
    var suite: String?
    @Option(help: "The sample manifest. Default: Tests/Conformance/sample.txt below the root.")
    var manifest: String?
    @Option(help: "Tests run at the same time.")
    var jobs: Int = 2
    @Option(help: "Time limit of each run, in seconds.")
    var timeout: Double = 30

    func run() throws {
        let root = options.book.root.path
        let manifestPath = manifest ?? "\(root)/Tests/Conformance/sample.txt"
        guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else {
            throw Diagnostic(.environment, at: .synthetic(manifestPath), "cannot read the conformance manifest \(manifestPath)")
        }
        let suiteDir = suite ?? "\(root)/Tests/Conformance/JIT"
        guard FileManager.default.fileExists(atPath: suiteDir) else {
            throw Diagnostic(.environment, at: .synthetic(suiteDir),
                             "no JIT tests folder at \(suiteDir): check out the tests as Tests/Conformance/README.md says, or pass --suite DIR")
        }
        let tests = Conformance.sample(manifest: text)
        let arches: [Arch] = arch == .both ? [.x64, .arm64] : [arch == .x64 ? .x64 : .arm64]
        let work = arches.flatMap { a in tests.map { (a, $0) } }
        let results = Results(count: work.count)
        let queue = DispatchQueue(label: "conformance", attributes: .concurrent)
        let slots = DispatchSemaphore(value: max(1, jobs))
        let group = DispatchGroup()
        for (i, (a, t)) in work.enumerated() {
            slots.wait()
            queue.async(group: group) {
                let r = Conformance.run(file: "\(suiteDir)/\(t)", test: t, arch: a, timeout: timeout)
                results.set(i, r)
                slots.signal()
            }
        }
        group.wait()
        for r in results.all {
            let detail = r.outcome.detail.isEmpty ? "" : "  \(r.outcome.detail)"
            print("\(r.arch.rawValue)  \(r.outcome.status.padding(toLength: 13, withPad: " ", startingAt: 0)) \(r.test)\(detail)")
        }
        for part in Set(tests.map(Conformance.part)).sorted() {
            for a in arches {
                let t = Conformance.tally(results.all.filter { Conformance.part($0.test) == part }, arch: a)
                print("\(part) \(a.rawValue): \(t.passed)/\(t.total) pass (\(String(format: "%.1f", t.rate * 100))%)")
            }
        }
        for a in arches {
            let t = Conformance.tally(results.all, arch: a)
            print("all \(a.rawValue): \(t.passed)/\(t.total) pass (\(String(format: "%.1f", t.rate * 100))%), "
                  + "\(t.notSupported) not supported, \(t.rejected) rejected as invalid IL, \(t.failed) failed")
        }
    }

    /// The results, filled from the worker threads.
    final class Results: @unchecked Sendable {
        private var items: [Conformance.Result?]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Conformance.Result) { lock.withLock { items[i] = r } }
        var all: [Conformance.Result] { lock.withLock { items.compactMap { $0 } } }
    }
}
