import Foundation
import IL
import Runtime
import Testing
@testable import JIT

/// Seed 004: the six async context operations as CORINFO_HELP_ASYNC_* helpers (JitAsyncContextHelpers=1,
/// the default) or as calls of the AsyncHelpers methods through their method handles (0).
@Suite struct AsyncContextHelperTests {
    /// A program of the async corpus: `Mix` awaits twice, on the captured context.
    static let source: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ExecutionTests/AsyncPrograms/live_locals.il")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static func compile(_ arch: Arch, helpers: Int?, dumps: Set<Phase> = []) throws -> CompiledMethod {
        var config = JitConfig()
        if let helpers { try config.set("JitAsyncContextHelpers", String(helpers), at: .synthetic("test")) }
        let module = try ILParser.parse(source, file: "live_locals.il")
        return try ModuleCompiler(module: module).compile(MethodSelector(typeName: "Program", methodName: "Mix"),
                                                          arch: arch, config: config, dumps: dumps, location: .synthetic("test"))
    }

    static let operations = ["CaptureContexts", "RestoreContexts", "CaptureExecutionContext",
                             "CaptureContinuationContext", "RestoreContextsOnSuspension"]

    @Test(arguments: Arch.allCases)
    func helperShapeIsTheDefaultAndCallsEveryHelper(_ arch: Arch) throws {
        let listing = try Self.compile(arch, helpers: nil).listing
        #expect(listing == (try Self.compile(arch, helpers: 1).listing))
        for h in [JitHelper.asyncCaptureContexts, .asyncRestoreContexts, .asyncCaptureExecutionContext,
                  .asyncCaptureContinuationContext, .asyncRestoreContextsOnSuspension] {
            #expect(listing.contains(arch == .x64 ? "call     [\(h.rawValue)]" : "code for \(h.rawValue)"), "\(h.rawValue)")
        }
        #expect(!listing.contains("AsyncHelpers:"))
        #expect(!listing.contains("s_current"), "helper calls are not inlined")
    }

    @Test(arguments: Arch.allCases)
    func methodHandleShapeNamesTheMethods(_ arch: Arch) throws {
        let listing = try Self.compile(arch, helpers: 0).listing
        for m in ["CaptureExecutionContext", "CaptureContinuationContext", "RestoreContextsOnSuspension"] {
            #expect(listing.contains("System.Runtime.CompilerServices.AsyncHelpers:\(m)("), "\(m)")
        }
        // The entry capture and the restore before the return are inlined: the two s_current fields.
        #expect(listing.contains("System.Threading.ExecutionContext:s_current"))
        #expect(!listing.contains("CORINFO_HELP_ASYNC_"))
    }

    @Test func inlinerRefusesTheHelpers() throws {
        let notes = try Self.compile(.x64, helpers: 1, dumps: [.inlining]).dumps[.inlining] ?? ""
        #expect(notes.contains("CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS: no IL (runtime helper)"))
        let before = try Self.compile(.x64, helpers: 0, dumps: [.inlining]).dumps[.inlining] ?? ""
        #expect(before.contains("Successfully inlined System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts("))
    }

    @Test func helperTableHasTheSixManagedHelpers() {
        for (op, h) in zip(AsyncContextOperation.allCases, JitHelper.asyncContexts) {
            #expect(op.helper == h)
            #expect(h.managedImplementation != nil)
            #expect(Helpers.helper(h).name == h.rawValue)
        }
        #expect(JitHelper.asyncContexts.map { Helpers.helper($0).id } == Array(75...80))
        #expect(JitHelper.allocContinuation.managedImplementation == nil)
    }
}
