import Foundation
import Fuzz
import Testing

/// Fuzz findings not fixed yet, each kept as found in `Corpus/open/`. `withKnownIssue` fails once a
/// finding no longer reproduces: then its input moves to `Corpus/TARGET/` as a regression seed.
@Suite struct OpenFindingsTests {
    /// `jit`, seed 101, input 32594: register allocation leaves a COPY node of `MoveNext` without a
    /// general register, on x64 and arm64 under every knob combination (an internal error). JIT
    /// codegen, for whoever works on LSRA.
    @Test func copyWithoutARegister() throws {
        let url = FuzzSupport.corpus.appendingPathComponent("open/jit-violation-32594.il")
        let outcome = FuzzTarget.jit.execute(Array(try Data(contentsOf: url)), 32594)
        withKnownIssue("LSRA: node COPY has no general register") {
            #expect(outcome.violations.isEmpty, "\(outcome.violations)")
        }
        #expect(outcome.violations.allSatisfy { $0.contains("COPY has no general register") }, "\(outcome.violations)")
    }
}
