import Testing
import Diagnostics
@testable import Workbook

@Suite struct ExpectationTests {
    func exp(_ text: String) throws -> ExpectedText { try ExpectedText(text, file: "c.md", firstLine: 10) }

    @Test func exactByDefault() throws {
        let e = try exp("mov rax, 1\nret\n")
        #expect(!e.hasHoles)
        #expect(e.matches(["mov rax, 1", "ret"]))
        #expect(!e.matches(["mov rax, 1", "ret", ""]))
        #expect(!e.matches(["mov rax,  1", "ret"]))
        #expect(!e.matches(["ret"]))
    }

    @Test func holesMatchTheirRegexAndTheRestIsLiteral() throws {
        let e = try exp("G_M{{\\d+}}_IG01:        ;; offset=0x{{[0-9A-F]{4}}}\n; Total bytes of code {{.*}}\n")
        #expect(e.hasHoles)
        #expect(e.matches(["G_M32752_IG01:        ;; offset=0x0000", "; Total bytes of code 45"]))
        #expect(!e.matches(["G_Mx_IG01:        ;; offset=0x0000", "; Total bytes of code 45"]))
        // Anchored: no extra text before or after.
        #expect(!e.matches(["G_M1_IG01:        ;; offset=0x0000 extra", "; Total bytes of code 45"]))
        #expect(!e.matches([" G_M1_IG01:        ;; offset=0x0000", "; Total bytes of code 45"]))
    }

    @Test func literalPartsAreNotRegex() throws {
        let e = try exp("call [Program:Foo():int:this] {{.+}}\n")
        #expect(e.matches(["call [Program:Foo():int:this] x"]))
        #expect(!e.matches(["call P Program:Foo():int:this] x"]))
    }

    @Test func alternationStaysInsideTheHole() throws {
        let e = try exp("a{{b|c}}d\n")
        #expect(e.matches(["abd"]))
        #expect(e.matches(["acd"]))
        #expect(!e.matches(["ab"]))
        #expect(!e.matches(["cd"]))
    }

    @Test func badHolesAreErrorsAtTheirLine() {
        #expect(throws: Diagnostic(.chapter, at: SourceLocation(file: "c.md", line: 11, column: 1),
                                   "unterminated {{ hole: close it with }}")) {
            _ = try exp("ok\nfoo {{bar\n")
        }
        #expect(throws: Diagnostic(.chapter, at: SourceLocation(file: "c.md", line: 10, column: 1),
                                   "invalid regular expression in hole {{(}}")) {
            _ = try exp("x{{(}}\n")
        }
    }

    @Test func diffTreatsMatchedHoleLinesAsContext() throws {
        let e = try exp("a{{\\d}}\nb\nc\n")
        let d = e.diff(against: ["a7", "B", "c"])
        #expect(d == "--- expected\n+++ actual\n@@ -1,3 +1,3 @@\n a{{\\d}}\n-b\n+B\n c\n")
    }

    @Test func textLinesSplitting() {
        #expect(textLines("") == [])
        #expect(textLines("a\nb\n") == ["a", "b"])
        #expect(textLines("a\nb") == ["a", "b"])
        #expect(textLines("a\n\n") == ["a", ""])
    }
}
