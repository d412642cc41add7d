import Foundation
import Fuzz

/// Paths the fuzz tests share: the package root (seeds) and the built `jitbook` (the worker).
enum FuzzSupport {
    /// The package root, three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Tests/FuzzTests/Corpus`: small seeds and every regression input found by fuzzing.
    static let corpus = root.appendingPathComponent("Tests/FuzzTests/Corpus")

    /// The `jitbook` executable beside the test bundle (`swift build --build-tests` builds both).
    static var jitbook: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("jitbook").path
    }

    /// The seeds of the whole book, loaded once.
    static let seeds = FuzzSeeds(root: root)

    /// A campaign of `target` with worker processes of the built `jitbook`.
    static func campaign(_ target: FuzzTarget, seed: UInt64) -> FuzzCampaign {
        let mutator = Mutator(corpus: target.seeds(seeds), dictionary: target.dictionary, seed: seed)
        return FuzzCampaign(target: target, mutator: mutator) { start, runs, seconds in
            var args = ["fuzz", "--worker", "--target", target.name, "--seed", String(seed), "--start", String(start),
                        "--root", root.path]
            if let runs { args += ["--runs", String(runs)] }
            if let seconds { args += ["--seconds", String(seconds)] }
            return (jitbook, args)
        }
    }
}
