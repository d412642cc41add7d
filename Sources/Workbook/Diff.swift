/// One step of an edit script turning sequence A into sequence B.
public enum DiffEdit: Sendable, Hashable {
    /// A[a] and B[b] are equal.
    case keep(a: Int, b: Int)
    /// A[a] is removed.
    case delete(a: Int)
    /// B[b] is inserted.
    case insert(b: Int)
}

/// Myers' O(ND) difference algorithm on indices, with a caller-supplied equality.
///
/// The equality is a closure because expectations with `{{regex}}` holes compare
/// an expected line with an actual line by matching, not by string equality.
public enum MyersDiff {
    /// The shortest edit script from `a` (count `n`) to `b` (count `m`); `equal(i, j)` compares A[i] with B[j].
    public static func edits(n: Int, m: Int, equal: (Int, Int) -> Bool) -> [DiffEdit] {
        let maxD = n + m
        if maxD == 0 { return [] }
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // trace[d] holds v[-d-1 ... d+1] as it was before step d.
        var trace: [[Int]] = []
        var finalD = 0
        search: for d in 0...maxD {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, equal(x, y) {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    finalD = d
                    break search
                }
            }
        }

        var script: [DiffEdit] = []
        var x = n
        var y = m
        for d in stride(from: finalD, through: 0, by: -1) {
            let snapshot = trace[d]
            func at(_ k: Int) -> Int { snapshot[k + d + 1] }
            let k = x - y
            let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : at(prevK)
            let prevY = d == 0 ? 0 : prevX - prevK
            while x > prevX && y > prevY {
                script.append(.keep(a: x - 1, b: y - 1))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == prevX {
                    script.append(.insert(b: y - 1))
                } else {
                    script.append(.delete(a: x - 1))
                }
                x = prevX
                y = prevY
            }
        }
        return script.reversed()
    }
}

/// Unified diffs (`--- expected` / `+++ actual` / `@@ -a,b +c,d @@`) of line arrays.
public enum UnifiedDiff {
    /// Renders the diff with `context` lines around each change; "" when the sequences are equal.
    ///
    /// Context lines are printed from the expected side. `equal(i, j)` compares
    /// expected[i] with actual[j] (string equality by default).
    public static func render(expected: [String], actual: [String], context: Int = 3,
                              equal: ((Int, Int) -> Bool)? = nil) -> String {
        let eq = equal ?? { expected[$0] == actual[$1] }
        let script = MyersDiff.edits(n: expected.count, m: actual.count, equal: eq)
        let changes = script.indices.filter { if case .keep = script[$0] { false } else { true } }
        guard let firstChange = changes.first else { return "" }

        // Group changes whose gap of kept lines is at most 2*context into one hunk.
        var groups: [(Int, Int)] = []
        var start = firstChange
        var end = firstChange
        for c in changes.dropFirst() {
            if c - end - 1 <= 2 * context {
                end = c
            } else {
                groups.append((start, end))
                start = c
                end = c
            }
        }
        groups.append((start, end))

        var out = "--- expected\n+++ actual\n"
        for (cs, ce) in groups {
            let lo = max(0, cs - context)
            let hi = min(script.count - 1, ce + context)
            var aBefore = 0
            var bBefore = 0
            for e in script[..<lo] {
                switch e {
                case .keep: aBefore += 1; bBefore += 1
                case .delete: aBefore += 1
                case .insert: bBefore += 1
                }
            }
            var aCount = 0
            var bCount = 0
            var body = ""
            for e in script[lo...hi] {
                switch e {
                case .keep(let a, _):
                    aCount += 1
                    bCount += 1
                    body += " " + expected[a] + "\n"
                case .delete(let a):
                    aCount += 1
                    body += "-" + expected[a] + "\n"
                case .insert(let b):
                    bCount += 1
                    body += "+" + actual[b] + "\n"
                }
            }
            let aStart = aCount == 0 ? aBefore : aBefore + 1
            let bStart = bCount == 0 ? bBefore : bBefore + 1
            out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n" + body
        }
        return out
    }
}
