import Testing
@testable import Execution

/// `JITBOOK_RUNTIME_SANITIZE` (`make fuzz-ubsan`): the C runtime built with a sanitizer, whose
/// reports fail the run like any other fault of the runtime.
@Suite struct SanitizedRuntimeTests {
    @Test func theVariableAddsTheSanitizerFlags() {
        #expect(RuntimeBuild.sanitizerFlags(environment: [:]).isEmpty)
        #expect(RuntimeBuild.sanitizerFlags(environment: ["JITBOOK_RUNTIME_SANITIZE": ""]).isEmpty)
        #expect(RuntimeBuild.sanitizerFlags(environment: ["JITBOOK_RUNTIME_SANITIZE": "undefined"])
                == ["-fsanitize=undefined", "-fno-sanitize-recover=all", "-g"])
    }

    @Test func aSanitizerReportIsTheRunsFault() {
        let report = "alloc.c:38:9: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'"
        let child = ChildProcess.Result(status: .exited(1), stdout: "partial\n", stderr: report + "\n")
        let result = Runner.result(of: child, timeout: 10)
        #expect(result.fault == report)
        #expect(result.exitCode == nil)
        #expect(result.transcript == "partial\n" + report + "\n")
    }

    @Test func theMemoryLimitIsChecked() {
        #expect(Runner.memoryLimits.contains(Runner.defaultMemoryMiB))
        #expect(!Runner.memoryLimits.contains(0))
    }
}
