import Testing
@testable import IL

/// The body parser's label table: definitions, duplicates, lookups, growth and reuse across bodies.
@Suite struct LabelTableTests {
    @Test func definesAndFindsLabels() {
        var t = LabelTable()
        #expect(t["IL_0000"] == nil)
        let first = t.define("IL_0000", at: 0)
        let second = t.define("loop", at: 3)
        #expect(first && second)
        #expect(t["IL_0000"] == 0)
        #expect(t["loop"] == 3)
        #expect(t["LOOP"] == nil)
    }

    @Test func aSecondDefinitionIsRefusedAndKeepsTheFirst() {
        var t = LabelTable()
        let first = t.define("L", at: 1)
        let again = t.define("L", at: 2)
        #expect(first && !again)
        #expect(t["L"] == 1)
    }

    /// Past the first 32 labels the table doubles; every label keeps its index.
    @Test(arguments: [1, 31, 32, 33, 1000])
    func growthKeepsEveryLabel(_ n: Int) {
        var t = LabelTable()
        var defined = 0
        for i in 0..<n where t.define("IL_\(String(i, radix: 16))", at: i) { defined += 1 }
        #expect(defined == n)
        for i in 0..<n { #expect(t["IL_\(String(i, radix: 16))"] == i) }
        #expect(t["IL_\(String(n, radix: 16))"] == nil)
    }

    /// The parser reuses one table for every body: a removed label is undefined, and can be defined anew.
    @Test func removeAllForgetsEveryLabel() {
        var t = LabelTable()
        for i in 0..<100 { _ = t.define("L\(i)", at: i) }
        t.removeAll()
        for i in 0..<100 { #expect(t["L\(i)"] == nil) }
        let redefined = t.define("L7", at: 70)
        #expect(redefined)
        #expect(t["L7"] == 70)
        #expect(t["L8"] == nil)
    }
}
