import Diagnostics
import Foundation
import Testing
@testable import Workbook

/// Hostile generated code in a chapter: every kind of runaway program fails its own example with the
/// chapter's `file:line:col` and what happened, and jitbook itself neither crashes nor hangs.
@Suite struct IsolationTests {
    /// Program bodies (the IL of `Main`, returning int32) for each kind of failure, and the text its report must hold.
    static let kinds: [(name: String, main: String, extra: String, failure: String)] = [
        ("loop", "L: br L", "", "timed out after 3 s"),
        ("recursion", "ldc.i4.0\n call int32 Program::Down(int32)\n ret",
         ".method static int32 Down(int32 n) { ldarg.0 ldc.i4.1 add call int32 Program::Down(int32) ldc.i4.1 add ret }",
         "fatal signal SIGSEGV at 0x7FF0010"),
        ("memory", "L: ldc.i4 1048576\n newarr [System.Runtime]System.Int32\n pop\n br L", "",
         "jitbook-runtime: out of memory (bump arena of 256 MiB exhausted; there is no GC)"),
        ("wild-write", "ldc.i8 0x100000\n conv.i\n ldc.i4.s 42\n stind.i4\n ldc.i4.0\n ret", "",
         "fatal signal SIGSEGV at 0x7FF0010"),
        ("write-to-code", "ldftn int32 Program::Main()\n ldc.i4 0x90909090\n stind.i4\n ldc.i4.0\n ret", "",
         "fatal signal SIGSEGV at 0x7FF0010"),
        ("wild-call", "ldc.i8 0x100000\n conv.i\n calli int32()\n ret", "",
         "fatal signal SIGSEGV at 0x100000"),
    ]

    /// A chapter with one module and one `run` block per kind; block N's info string is on line `runLine(N)`.
    static var chapter: String {
        var text = "# Hostile programs\n\n"
        for k in kinds {
            text += """
                ```il module=\(k.name)
                .assembly \(k.name.replacingOccurrences(of: "-", with: "_")) {}
                .class public Program extends [System.Runtime]System.Object {
                  .method public static int32 Main() cil managed {
                    .entrypoint
                    \(k.main)
                  }
                  \(k.extra)
                }
                ```

                ```run module=\(k.name)
                exit 0
                ```


                """
        }
        return text
    }

    static let engine = JITEngine(runTimeout: 3)
    static let parsed = Result { try Chapter(source: chapter, path: "chapters/99-hostile.md") }

    @Test(arguments: kinds.indices)
    func runawayProgramFailsItsOwnExample(_ i: Int) throws {
        let chapter = try Self.parsed.get()
        let kind = Self.kinds[i]
        let example = try #require(chapter.examples.first { $0.module == kind.name })
        let start = ContinuousClock.now
        let result = Verifier(engine: Self.engine).verify(example, in: chapter)
        #expect(ContinuousClock.now - start < .seconds(20))
        guard case .failed(let diagnostics) = result.outcome else {
            Issue.record("\(kind.name): expected a failure, got \(result.outcome)")
            return
        }
        let d = try #require(diagnostics.first)
        #expect(d.location == example.location, "\(kind.name): \(d)")
        #expect(d.description.hasPrefix("chapters/99-hostile.md:\(example.line):4: error: run x64: "), "\(d)")
        #expect(d.message.contains(kind.failure), "\(kind.name): \(d.message)")
        #expect(d.message.contains("run arm64: "), "\(kind.name): \(d.message)")
        // A failed run is never blessed.
        #expect(!Blesser(engine: Self.engine).bless(chapter).changes.contains { $0.example == example })
    }

    /// The diagnostics of the one example of chapter `text` (at chapters/98-exit.md), which must fail.
    static func compileErrors(_ text: String) throws -> [String] {
        let chapter = try Chapter(source: text, path: "chapters/98-exit.md")
        let result = Verifier(engine: engine).verify(chapter.examples[0], in: chapter)
        guard case .failed(let diagnostics) = result.outcome else {
            Issue.record("expected a failure, got \(result.outcome)")
            return []
        }
        return diagnostics.map(\.description)
    }

    /// P/Invoke (here libc's `exit`) is not modelled: a call of a `pinvokeimpl` method is a compile
    /// error at the call's IL line, not a run of code that was never compiled.
    @Test func platformInvokeIsALocatedCompileError() throws {
        let text = """
            ```il
            .assembly Exit {}
            .class public Program extends [System.Runtime]System.Object {
              .method public static int32 Main() cil managed {
                .entrypoint
                ldc.i4.3
                call void Program::exit(int32)
                ldc.i4.0
                ret
              }
              .method public static pinvokeimpl("libc" cdecl) void exit(int32 code) cil managed preservesig {}
            }
            ```

            ```run
            exit 3
            ```
            """
        #expect(try Self.compileErrors(text).contains(
            "chapters/98-exit.md:7:5: error: a call of the platform-invoke method 'Program:exit(int):void': P/Invoke is not supported by the model runtime"))
    }

    /// A chapter whose program allocates 100 MiB (25 arrays of 1M int32) and prints how many objects it made.
    static let hundredMiB = """
        # 100 MiB

        ```il module=big
        .assembly big {}
        .class public Program extends [System.Runtime]System.Object {
          .method public static int32 Main() cil managed {
            .entrypoint
            .locals init (int32 i)
          L: ldc.i4 1048576
            newarr [System.Runtime]System.Int32
            pop
            ldloc.0
            ldc.i4.1
            add
            dup
            stloc.0
            ldc.i4.s 25
            blt L
            ldloc.0
            call void [System.Console]System.Console::WriteLine(int32)
            ldc.i4.0
            ret
          }
        }
        ```

        ```run module=big
        25
        exit 0
        ```
        """

    /// The memory limit is a knob (`--run-memory`): the same 100 MiB program passes with the default
    /// 256 MiB and fails with 64 MiB, out of memory at its example's line, on both architectures.
    @Test func theMemoryLimitIsAKnob() throws {
        let chapter = try Chapter(source: Self.hundredMiB, path: "chapters/97-memory.md")
        let example = try #require(chapter.examples.first)
        let roomy = Verifier(engine: JITEngine(runTimeout: 10)).verify(example, in: chapter)
        guard case .passed = roomy.outcome else {
            Issue.record("with 256 MiB: expected a pass, got \(roomy.outcome)")
            return
        }
        let tight = Verifier(engine: JITEngine(runTimeout: 10, runMemory: 64)).verify(example, in: chapter)
        guard case .failed(let diagnostics) = tight.outcome else {
            Issue.record("with 64 MiB: expected a failure, got \(tight.outcome)")
            return
        }
        let d = try #require(diagnostics.first)
        #expect(d.description.hasPrefix("chapters/97-memory.md:\(example.line):4: error: run x64: "), "\(d)")
        let oom = "jitbook-runtime: out of memory (bump arena of 64 MiB exhausted; there is no GC)"
        #expect(d.message.contains("run x64: " + oom), "\(d.message)")
        #expect(d.message.contains("run arm64: " + oom), "\(d.message)")
    }

    /// There is no `Environment.Exit` in the model CoreLib: calling it is a compile error at its IL line.
    @Test func environmentExitIsALocatedCompileError() throws {
        let text = """
            ```il
            .assembly Exit {}
            .class public Program extends [System.Runtime]System.Object {
              .method public static int32 Main() cil managed {
                .entrypoint
                ldc.i4.3
                call void [System.Runtime]System.Environment::Exit(int32)
                ldc.i4.0
                ret
              }
            }
            ```

            ```run
            exit 3
            ```
            """
        #expect(try Self.compileErrors(text).contains(
            "chapters/98-exit.md:7:5: error: type 'System.Environment' is not in the model CoreLib"))
    }
}
