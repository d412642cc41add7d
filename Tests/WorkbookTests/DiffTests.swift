import Testing
@testable import Workbook

@Suite struct DiffTests {
    /// Applies an edit script to check that it really turns a into b.
    func apply(_ edits: [DiffEdit], _ a: [String], _ b: [String]) -> (fromA: [String], toB: [String]) {
        var fromA: [String] = []
        var toB: [String] = []
        for e in edits {
            switch e {
            case .keep(let i, let j):
                fromA.append(a[i]); toB.append(b[j])
            case .delete(let i):
                fromA.append(a[i])
            case .insert(let j):
                toB.append(b[j])
            }
        }
        return (fromA, toB)
    }

    static let cases: [([String], [String], Int)] = [
        ([], [], 0),
        (["a"], [], 1),
        ([], ["a", "b"], 2),
        (["a", "b", "c"], ["a", "b", "c"], 0),
        (["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"], 5),
        (["x", "a", "y"], ["a"], 2),
        (["1", "2", "3", "4"], ["1", "3", "4", "5"], 2),
    ]

    @Test(arguments: cases)
    func editScriptIsMinimalAndCorrect(_ c: ([String], [String], Int)) {
        let (a, b, expectedD) = c
        let edits = MyersDiff.edits(n: a.count, m: b.count) { a[$0] == b[$1] }
        let applied = apply(edits, a, b)
        #expect(applied.fromA == a)
        #expect(applied.toB == b)
        let d = edits.filter { if case .keep = $0 { false } else { true } }.count
        #expect(d == expectedD)
        for e in edits { if case .keep(let i, let j) = e { #expect(a[i] == b[j]) } }
    }

    @Test func equalInputsGiveNoDiff() {
        #expect(UnifiedDiff.render(expected: ["a", "b"], actual: ["a", "b"]) == "")
    }

    @Test func singleChangeWithContext() {
        let a = (1...10).map { "l\($0)" }
        var b = a
        b[4] = "L5"
        let d = UnifiedDiff.render(expected: a, actual: b)
        #expect(d == """
        --- expected
        +++ actual
        @@ -2,7 +2,7 @@
         l2
         l3
         l4
        -l5
        +L5
         l6
         l7
         l8

        """)
    }

    @Test func distantChangesMakeSeparateHunks() {
        let a = (1...20).map { "l\($0)" }
        var b = a
        b[1] = "X"
        b[17] = "Y"
        let d = UnifiedDiff.render(expected: a, actual: b)
        let headers = d.split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(headers == ["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"])
    }

    @Test func nearbyChangesMergeIntoOneHunk() {
        let a = (1...12).map { "l\($0)" }
        var b = a
        b[2] = "X"
        b[8] = "Y"
        let headers = UnifiedDiff.render(expected: a, actual: b).split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(headers == ["@@ -1,12 +1,12 @@"])
    }

    @Test func emptySidesUseZeroCounts() {
        #expect(UnifiedDiff.render(expected: [], actual: ["a", "b"]) == "--- expected\n+++ actual\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(UnifiedDiff.render(expected: ["a"], actual: []) == "--- expected\n+++ actual\n@@ -1,1 +0,0 @@\n-a\n")
    }

    @Test func pureInsertionInTheMiddle() {
        let d = UnifiedDiff.render(expected: ["a", "b"], actual: ["a", "x", "b"])
        #expect(d == "--- expected\n+++ actual\n@@ -1,2 +1,3 @@\n a\n+x\n b\n")
    }
}
