import Testing
@testable import Diagnostics

@Suite struct DiagnosticTests {
    @Test func printsFileLineColumn() {
        let d = Diagnostic(.syntax, at: SourceLocation(file: "a.il", line: 3, column: 7), "unexpected token")
        #expect(d.description == "a.il:3:7: error: unexpected token")
    }

    @Test func listPrintsOnePerLine() {
        let loc = SourceLocation(file: "b.md", line: 1, column: 1)
        let l = DiagnosticList([Diagnostic(.chapter, at: loc, "x"), Diagnostic(.config, at: loc, "y")])
        #expect(l.description == "b.md:1:1: error: x\nb.md:1:1: error: y")
    }
}
