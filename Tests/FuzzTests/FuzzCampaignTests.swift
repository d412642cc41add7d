import Foundation
import Fuzz
import Testing

/// The driver catches what kills or stalls a worker, and names the input by its index.
@Suite struct FuzzDriverTests {
    /// A campaign whose "worker" is a shell script following the worker protocol.
    static func scripted(_ script: String) -> FuzzCampaign {
        let target = FuzzTarget.infoString
        let mutator = Mutator(corpus: [Array("run".utf8), Array("asm x64 P::M".utf8)], dictionary: ["x"], seed: 9)
        return FuzzCampaign(target: target, mutator: mutator) { start, _, _ in
            ("/bin/sh", ["-c", script, "worker", String(start)])
        }
    }

    @Test func aTrapIsACrashAtTheInputThatRan() throws {
        // Runs inputs 0 and 1, then dies by SIGSEGV while running input 2; the next worker finishes the budget.
        let campaign = Self.scripted("""
            if [ "$1" = 0 ]; then printf '> 0\\nr\\n> 1\\na\\n> 2\\n'; echo 'Fatal error: Index out of range' >&2; kill -SEGV $$; fi
            i=$1; while [ $i -lt 6 ]; do printf '> %s\\nr\\n' $i; i=$((i+1)); done
            """)
        let report = try campaign.run(runs: 6, seconds: nil)
        #expect(report.executions == 6)
        #expect(report.accepted == 1)
        #expect(report.crashes == 1)
        let crash = try #require(report.findings.first)
        #expect(crash.index == 2)
        #expect(crash.input == campaign.mutator.input(2))
        #expect(crash.detail.contains("killed by signal 11"))
        #expect(crash.detail.contains("Fatal error: Index out of range"))
    }

    /// A sanitizer's report (long, its headline far from the end) is kept whole beside the input, its
    /// headline in the finding's detail: what `make fuzz-asan` relies on.
    @Test func aSanitizerReportIsSavedWithTheInput() throws {
        var campaign = Self.scripted("""
            printf '> %s\\n' $1
            echo '==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011' >&2
            i=0; while [ $i -lt 40 ]; do echo "    #$i 0x4f00 in frame$i" >&2; i=$((i+1)); done
            echo 'SUMMARY: AddressSanitizer: heap-buffer-overflow' >&2
            exit 1
            """)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-asan-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: dir) }
        campaign.outputDirectory = dir
        let report = try campaign.run(runs: 1, seconds: nil, first: 5)
        let crash = try #require(report.findings.first)
        #expect(crash.kind == .crash)
        #expect(crash.detail.contains("exited with code 1"))
        #expect(crash.detail.contains("ERROR: AddressSanitizer: heap-buffer-overflow on address"), "\(crash.detail)")
        #expect(crash.savedPath == dir.appendingPathComponent("infostring-crash-5.txt").path)
        let saved = try String(contentsOfFile: try #require(crash.stderrPath), encoding: .utf8)
        #expect(crash.stderrPath == dir.appendingPathComponent("infostring-crash-5.stderr.txt").path)
        #expect(saved.contains("ERROR: AddressSanitizer") && saved.contains("#39 0x4f00 in frame39") && saved.contains("SUMMARY"))
    }

    @Test func aSlowInputIsAHang() throws {
        // Input 1 is slow in every worker, the rerun included.
        var campaign = Self.scripted("""
            i=$1; while [ $i -lt 4 ]; do printf '> %s\\n' $i; if [ $i = 1 ]; then sleep 30; fi; printf 'r\\n'; i=$((i+1)); done
            """)
        campaign.hangLimit = 0.5
        let start = Date()
        let report = try campaign.run(runs: 4, seconds: nil)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(report.hangs == 1)
        #expect(report.findings.first?.index == 1)
        #expect(report.executions == 4)
        #expect(report.unconfirmedHangs == 0)
    }

    @Test func aStallThatDoesNotRecurIsNotAHang() throws {
        // The first worker stalls on input 1; the rerun of input 1 alone is quick.
        var campaign = Self.scripted("""
            if [ "$1" = 0 ]; then printf '> 0\\nr\\n> 1\\n'; sleep 30; fi
            i=$1; while [ $i -lt 4 ]; do printf '> %s\\nr\\n' $i; i=$((i+1)); done
            """)
        campaign.hangLimit = 0.5
        let report = try campaign.run(runs: 4, seconds: nil)
        #expect(report.hangs == 0)
        #expect(report.unconfirmedHangs == 1)
        #expect(report.findings.isEmpty)
    }

    @Test func aFindingIsRerunFromItsIndex() throws {
        let campaign = Self.scripted("printf '> %s\\n' $1; kill -SEGV $$")
        let report = try campaign.run(runs: 1, seconds: nil, first: 41)
        #expect(report.findings.map(\.index) == [41])
        #expect(report.findings.first?.input == campaign.mutator.input(41))
    }

    @Test func violationsAreFindings() throws {
        let campaign = Self.scripted("printf '> %s\\n! not located: <x>:1:1: error: oops\\nr\\n' $1")
        let report = try campaign.run(runs: 1, seconds: nil)
        #expect(report.violations == 1)
        #expect(report.findings.first?.detail == "not located: <x>:1:1: error: oops")
    }

    @Test func aWorkerThatCannotStartIsAnError() {
        let campaign = Self.scripted("echo 'usage: nope' >&2; exit 2")
        #expect(throws: (any Error).self) { try campaign.run(runs: 3, seconds: nil) }
    }

    @Test func aWorkerThatRunsNothingEndsTheCampaign() throws {
        let report = try Self.scripted("exit 0").run(runs: 5, seconds: nil)
        #expect(report.executions == 0)
        #expect(report.findings.isEmpty)
    }

    @Test func findingsAreSavedUnderTheOutputDirectory() throws {
        var campaign = Self.scripted("printf '> %s\\n' $1; kill -ABRT $$")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jitbook-fuzz-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        campaign.outputDirectory = dir
        let report = try campaign.run(runs: 2, seconds: nil)
        #expect(report.crashes == 2)
        let saved = try #require(report.findings.first?.savedPath)
        #expect(saved == dir.appendingPathComponent("infostring-crash-0.txt").path)
        #expect(FileManager.default.contents(atPath: saved) == Data(campaign.mutator.input(0)))
    }
}

/// A short, fixed-seed pass over every target in worker processes of the built `jitbook`: CI's fuzzing.
@Suite struct FuzzTargetTests {
    /// Inputs per target: a few seconds each in a debug build.
    static let runs: [String: Int] = ["il": 400, "jit": 40, "infostring": 3000, "expectation": 1500, "holes": 1500,
                                      "chapter": 30, "differential": 6]

    /// The targets whose inputs come from seeds (`differential` generates its programs from the index).
    static let seededTargets = FuzzTarget.all.map(\.name).filter { $0 != "differential" }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func boundedPassFindsNothing(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        #expect(FileManager.default.isExecutableFile(atPath: FuzzSupport.jitbook),
                "no jitbook at \(FuzzSupport.jitbook): build with swift build --build-tests")
        let report = try FuzzSupport.campaign(target, seed: 1).run(runs: Self.runs[name] ?? 100, seconds: 60)
        let findings = report.findings.map { "\($0.kind.rawValue) at input \($0.index): \($0.detail)" }
        #expect(findings.isEmpty, "\(report.line)\n\(findings.joined(separator: "\n"))")
        #expect(report.executions == Self.runs[name])
    }

    @Test(arguments: seededTargets)
    func targetHasSeeds(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        #expect(target.seeds(FuzzSupport.seeds).count >= 5)
    }

    /// Every input in `Corpus/TARGET/` (seeds and regressions of fixed crashes) runs without a bad diagnostic.
    @Test(arguments: seededTargets)
    func committedCorpusRunsClean(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let inputs = FuzzSupport.seeds.committed(name)
        #expect(!inputs.isEmpty, "Tests/FuzzTests/Corpus/\(name)/ is empty")
        for (i, input) in inputs.enumerated() {
            let outcome = target.execute(input, UInt64(i))
            #expect(outcome.violations.isEmpty, "\(name) corpus file \(i): \(outcome.violations)")
        }
    }
}
