import Testing
import Diagnostics
import JIT
@testable import Workbook

@Suite struct InfoStringTests {
    /// A chapter with one il block and a block with `info` on line 4.
    func errors(_ info: String) -> String {
        chapterErrors("```il\nA\n```\n```\(info)\nbody\n```\n", path: "chapters/03-x.md")
    }

    @Test func validBlocks() throws {
        let ch = try Chapter(source: """
        ```il module=lib
        ```
        ```asm arm64 NS.Program::Add(int32,native int)[async] module=lib config=JitMinOpts=1;JitDoCopyProp=0
        ```
        ```ir lsra Program::Add module=lib profile=IL_0007:Program+Derived=90;Program+Other=10
        ```
        ```run x64 module=lib
        ```
        ```run module=lib
        ```

        """, path: "c.md")
        let ex = ch.examples
        #expect(ex.count == 4)
        #expect(ex[0].kind == .asm(.arm64))
        #expect(ex[0].method == MethodSelector(typeName: "NS.Program", methodName: "Add",
                                               parameters: ["int32", "native int"], variant: "async"))
        #expect(ex[0].config["JitMinOpts"] == 1)
        #expect(ex[0].config["JitDoCopyProp"] == 0)
        #expect(ex[0].configText == "JitMinOpts=1;JitDoCopyProp=0")
        #expect(ex[1].kind == .ir(.lsra))
        #expect(ex[1].arch == .x64)
        #expect(ex[1].profile?.entries == [
            ClassProfile.Entry(ilOffset: 7, className: "Program+Derived", percent: 90),
            ClassProfile.Entry(ilOffset: nil, className: "Program+Other", percent: 10),
        ])
        #expect(ex[1].profile?.description == "IL_0007:Program+Derived=90;Program+Other=10")
        #expect(ex[2].kind == .run(.x64))
        #expect(ex[3].kind == .run(nil))
        #expect(ex[3].label == "run")
        #expect(ex.allSatisfy { $0.module == "lib" })
    }

    @Test func unknownKey() {
        #expect(errors("asm x64 Program::Add color=red")
                == "chapters/03-x.md:4:25: error: unknown key 'color' in asm block (known keys: config, module, profile)")
        #expect(errors("il modul=x")
                == "chapters/03-x.md:4:7: error: unknown key 'modul' in il block (known keys: module)")
    }

    @Test func unknownArch() {
        #expect(errors("asm x86 Program::Add")
                == "chapters/03-x.md:4:8: error: unknown architecture 'x86' (expected x64 or arm64)")
        #expect(errors("run riscv")
                == "chapters/03-x.md:4:8: error: unknown architecture 'riscv' (expected x64 or arm64)")
        #expect(errors("ir morph P::M arch=mips")
                == "chapters/03-x.md:4:23: error: unknown architecture 'mips' (expected x64 or arm64)")
    }

    @Test func unknownPhase() {
        let known = Phase.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(errors("ir morf Program::Add")
                == "chapters/03-x.md:4:7: error: unknown phase 'morf' (known phases: \(known))")
    }

    @Test func missingPieces() {
        #expect(errors("asm x64")
                == "chapters/03-x.md:4:4: error: asm block needs a METHOD: asm ARCH METHOD [key=value ...]")
        #expect(errors("asm x64 config=JitMinOpts=1")
                == "chapters/03-x.md:4:12: error: asm block needs a METHOD: asm ARCH METHOD [key=value ...]")
        #expect(errors("asm")
                == "chapters/03-x.md:4:4: error: asm block needs an architecture: asm ARCH METHOD [key=value ...]")
        #expect(errors("ir")
                == "chapters/03-x.md:4:4: error: ir block needs a phase: ir PHASE METHOD [key=value ...]")
    }

    @Test func malformedMethod() {
        #expect(errors("asm x64 ProgramAdd")
                == "chapters/03-x.md:4:12: error: method 'ProgramAdd' must be written as Type::Method")
        #expect(errors("asm x64 Program::Ad!d")
                == "chapters/03-x.md:4:12: error: malformed method name 'Program::Ad!d': method name 'Ad!d' contains characters that cannot appear in a method name")
        #expect(errors("asm x64 Program::Add[]")
                == "chapters/03-x.md:4:12: error: malformed method name 'Program::Add[]': variant '[]' must be a name such as [async] or [thunk]")
    }

    @Test func positionalAfterMethodAndRepeatedKeys() {
        #expect(errors("asm x64 P::M extra")
                == "chapters/03-x.md:4:17: error: unexpected 'extra' in asm block info string: expected key=value")
        #expect(errors("asm x64 P::M module=main module=main")
                == "chapters/03-x.md:4:29: error: key 'module' given twice")
    }

    @Test func knobErrorsAreLocatedAtTheBlock() {
        let known = JitConfig.knobs.map(\.name).joined(separator: ", ")
        #expect(errors("asm x64 P::M config=JitFoo=1")
                == "chapters/03-x.md:4:17: error: unknown JIT knob 'JitFoo' (known knobs: \(known))")
        #expect(errors("asm x64 P::M config=JitMinOpts=yes")
                == "chapters/03-x.md:4:17: error: knob 'JitMinOpts' needs an integer value, got 'yes'")
        #expect(errors("asm x64 P::M config=JitMinOpts=2")
                == "chapters/03-x.md:4:17: error: knob 'JitMinOpts' takes 0 to 1, got 2")
        #expect(errors("asm x64 P::M config=JitInlineAsyncMethods=3")
                == "chapters/03-x.md:4:17: error: knob 'JitInlineAsyncMethods' takes 0 to 2, got 3")
    }

    @Test func profileErrors() {
        #expect(errors("asm x64 P::M profile=IL_zz:A")
                == "chapters/03-x.md:4:17: error: profile entry 'IL_zz:A' has a malformed IL offset 'IL_zz'")
        #expect(errors("asm x64 P::M profile=A=150")
                == "chapters/03-x.md:4:17: error: profile entry 'A=150' needs a percentage 0...100 after '=', got '150'")
    }

    @Test func everyBadBlockIsReported() {
        let text = "```il\n```\n```asm x99 P::M\n```\n```ir nope P::M\n```\n"
        let out = chapterErrors(text, path: "c.md")
        #expect(out.split(separator: "\n").count == 2)
        #expect(out.hasPrefix("c.md:3:8: error: unknown architecture 'x99'"))
    }
}
