import Testing
import Diagnostics
import JIT
@testable import Workbook

/// `aot ARCH [config=...] [module=...]` blocks (seed 004's ahead-of-time report).
@Suite struct AotBlockTests {
    func errors(_ info: String) -> String {
        chapterErrors("```il\nA\n```\n```\(info)\nbody\n```\n", path: "chapters/11-x.md")
    }

    @Test func parses() throws {
        let ch = try Chapter(source: """
        ```il module=lib
        ```
        ```aot arm64 module=lib config=JitAsyncContextHelpers=0
        ```
        ```aot x64 module=lib
        ```

        """, path: "c.md")
        let ex = ch.examples
        #expect(ex.count == 2)
        #expect(ex[0].kind == .aot(.arm64))
        #expect(ex[0].module == "lib")
        #expect(ex[0].config["JitAsyncContextHelpers"] == 0)
        #expect(ex[0].label == "aot arm64")
        #expect(ex[1].kind == .aot(.x64))
        #expect(ex[1].config["JitAsyncContextHelpers"] == 1)
        #expect(ex[1].subject == "report")
        #expect(Tangler.fileName(for: ex[1]) == "L5-aot-x64.txt")
    }

    @Test func badInfoStringsAreLocated() {
        #expect(errors("aot")
                == "chapters/11-x.md:4:4: error: aot block needs an architecture: aot ARCH [key=value ...]")
        #expect(errors("aot sparc")
                == "chapters/11-x.md:4:8: error: unknown architecture 'sparc' (expected x64 or arm64)")
        #expect(errors("aot x64 profile=Program+Derived")
                == "chapters/11-x.md:4:12: error: unknown key 'profile' in aot block (known keys: config, module)")
        #expect(errors("aot x64 config=JitAsyncContextHelper=1").hasPrefix(
            "chapters/11-x.md:4:12: error: unknown JIT knob 'JitAsyncContextHelper'"))
    }
}
