import Testing
import Diagnostics
@testable import IL

@Suite("Parser: errors with exact locations")
struct ParserErrorTests {
    @Test func unknownOpcode() {
        let text = """
        .class P extends [mscorlib]System.Object {
          .method static void M() cil managed {
            nop
            frobnicate 3
            ret
          }
        }
        """
        #expect(parseErrors(text) == ["t.il:4:5: error: unknown opcode 'frobnicate'"])
    }

    @Test func undefinedLabelIsReportedAtItsUse() {
        let text = """
        .class P extends [mscorlib]System.Object {
          .method static void M() cil managed {
            br.s NOWHERE
            ret
          }
        }
        """
        #expect(parseErrors(text) == ["t.il:3:10: error: undefined label 'NOWHERE'"])
    }

    @Test func undefinedLabelInSwitch() throws {
        let text = ".class P {\n.method static void M(int32 k) cil managed {\nldarg.0\nswitch (A, B)\nA: ret\n}\n}"
        #expect(parseErrors(text) == ["t.il:4:12: error: undefined label 'B'"])
        do {
            _ = try ILParser.parse(text, file: "t.il")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.map(\.kind) == [.undefined])
        }
    }

    @Test func unterminatedString() {
        let text = ".class P {\n.method static void M() cil managed {\n  ldstr \"abc\n  pop\n  ret\n}\n}"
        #expect(parseErrors(text) == ["t.il:3:9: error: unterminated string"])
    }

    @Test func missingClosingBraceOfClass() {
        let text = """
        .class public P extends [mscorlib]System.Object
        {
          .method static void M() cil managed {
            ret
          }
        """
        #expect(parseErrors(text) == ["t.il:5:4: error: expected '}' to close class 'P' opened at 1:1"])
    }

    @Test func missingClosingBraceOfMethodAcrossChunks() {
        let chunks = [
            SourceChunk(text: ".class P {\n  .method static void M() cil managed {\n", file: "c.md", firstLine: 5),
            SourceChunk(text: "    ret\n", file: "c.md", firstLine: 12),
        ]
        do {
            _ = try ILParser.parse(chunks, assemblyName: "c")
            Issue.record("expected an error")
        } catch let list as DiagnosticList {
            #expect(list.description == """
            c.md:13:1: error: expected '}' to close method 'M' opened at 6:3
            c.md:13:1: error: expected '}' to close class 'P' opened at 5:1
            """)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func everyErrorIsReportedAndParsingContinues() {
        let text = """
        .class P {
          .method static void M() cil managed {
            bogus
            br MISSING
            ldc.i4.s 1000
            ret
          }
          .method static void N() cil managed {
            ldloc nope
            ret
          }
        }
        """
        #expect(parseErrors(text) == [
            "t.il:3:5: error: unknown opcode 'bogus'",
            "t.il:4:8: error: undefined label 'MISSING'",
            "t.il:5:14: error: operand 1000 is out of range for 'ldc.i4.s'",
            "t.il:9:11: error: undefined local 'nope'",
        ])
    }

    @Test func varargIsUnsupported() throws {
        let text = ".class P {\n.method static vararg void M() cil managed { ret }\n}"
        #expect(parseErrors(text) == ["t.il:2:16: error: vararg calling convention is not supported"])
        do {
            _ = try ILParser.parse(text, file: "t.il")
        } catch let list as DiagnosticList {
            #expect(list.diagnostics.first?.kind == .unsupported)
        }
    }

    @Test func shortBranchOutOfRange() {
        let nops = String(repeating: "  nop\n", count: 130)
        let text = ".class P {\n.method static void M() cil managed {\n  br.s END\n\(nops)END: ret\n}\n}"
        #expect(parseErrors(text) == [
            "t.il:3:8: error: branch to 'END' is out of range for 'br.s' (displacement 130); use the long form",
        ])
    }

    /// A numeric branch operand is a displacement; one at Int's limits must not overflow the target
    /// arithmetic (found by `jitbook fuzz --target jit --seed 201`, input 1346).
    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "4294967296"])
    func hugeNumericDisplacementLandsNowhere(_ displacement: String) {
        let text = ".class P {\n.method static void M() cil managed {\n  br \(displacement)\n  ret\n}\n}"
        #expect(parseErrors(text) == [
            "t.il:3:6: error: branch displacement \(displacement) does not land on an instruction",
        ])
    }

    @Test func undefinedGenericParameterName() {
        let text = ".class P {\n.method static !!U M<T>(!!T x) cil managed { ldarg.0 ret }\n}"
        #expect(parseErrors(text) == ["t.il:2:16: error: undefined method generic parameter '!!U'"])
    }

    @Test func unexpectedTokenAtTopLevel() {
        #expect(parseErrors("ret") == ["t.il:1:1: error: expected a declaration, found 'ret'"])
        #expect(parseErrors(".bogus 1") == ["t.il:1:1: error: unknown directive '.bogus'"])
    }

    @Test func badInputNeverCrashes() {
        // Truncated inputs at every token boundary of a valid program must only produce diagnostics.
        let text = """
        .class public P extends [mscorlib]System.Object {
          .method public static int32 F(int32 a) cil managed {
            .locals init (int32 x)
            ldarg a
            switch (L1, L2)
          L1: ldc.i4.1
            ret
          L2: call int32 class P::F(int32)
            ret
          }
        }
        """
        let tokens = ILLexer.tokenize(text, file: "t.il").tokens
        for t in tokens.dropLast() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let prefix = lines.prefix(Int(t.line) - 1).joined(separator: "\n")
            let lastLine = lines[Int(t.line) - 1].prefix(Int(t.column) - 1)
            let truncated = prefix + (Int(t.line) > 1 ? "\n" : "") + lastLine
            let result = parseErrors(String(truncated))
            #expect(result.allSatisfy { $0.hasPrefix("t.il:") }, "\(truncated)")
        }
    }
}

@Suite("Robustness")
struct RobustnessTests {
    /// Drops one token at a time from a real program: parsing and verifying must only produce diagnostics.
    @Test(arguments: ["Handwritten.il", "Switches.il"])
    func deletingAnyTokenNeverCrashes(file: String) throws {
        let text = try Fixtures.text(file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tokens = ILLexer.tokenize(text, file: file).tokens.dropLast()
        for (k, t) in tokens.enumerated() where k % 3 == 0 {
            var copy = lines
            let row = copy[Int(t.line) - 1]
            let start = row.index(row.startIndex, offsetBy: Int(t.column) - 1)
            let length = max(1, t.kind == .identifier || t.kind == .punct || t.kind == .directive ? t.text.count : 1)
            let end = row.index(start, offsetBy: length, limitedBy: row.endIndex) ?? row.endIndex
            copy[Int(t.line) - 1] = String(row[..<start]) + String(row[end...])
            let diags = verifyErrors(copy.joined(separator: "\n"), file: file)
            #expect(diags.allSatisfy { $0.hasPrefix("\(file):") })
        }
    }

    @Test func negativeGenericIndexIsAnError() {
        #expect(parseErrors(".class P {\n.method static !!-5 M<T>() cil managed { ret }\n}") ==
                ["t.il:2:16: error: generic parameter index -5 is out of range"])
    }
}
