import JIT
import Workbook

/// The IL↔asm mapping of one chapter page, in chapter lines.
///
/// The JIT's debug info says which IL offsets each instruction (and each IR node) came from;
/// the IL instruction at an offset is written on one line of the chapter. Keying everything by
/// that line makes the page's mapping independent of methods and modules: an IL line and every
/// listing line generated from it share the key, whichever block they are in.
struct ILLinks {
    /// Per example block index: body line (0-based) -> the chapter lines of the IL it came from.
    var lines: [Int: [Int: [Int]]] = [:]
    /// Per IR example block index: body line -> the chapter line its node links to.
    var nodeLinks: [Int: [Int: Int]] = [:]
    /// Every IL line that some listing line maps to.
    var mappedILLines: Set<Int> = []

    init(chapter: Chapter, results: [ExampleResult]) {
        for r in results where r.passed {
            guard let info = r.debugInfo else { continue }
            let ex = r.example
            let here = info.ilInstructions.filter { $0.location.file == chapter.path }
            guard !here.isEmpty else { continue }
            var map: [Int: [Int]] = [:]
            switch ex.kind {
            case .asm:
                for i in info.instructions {
                    guard let range = i.mapping.range else { continue }
                    let keys = here.filter { range.contains($0.range.start) }.map(\.location.line)
                    if !keys.isEmpty { map[i.listingLine] = Array(Set(keys)).sorted() }
                }
            case .ir(let phase):
                guard let nodes = info.dumpNodeOffsets[phase] else { continue }
                var links: [Int: Int] = [:]
                for (n, line) in ex.expected.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let stmt = Self.statementRange(line) {
                        let keys = here.filter { $0.range.start >= stmt.lowerBound && $0.range.start <= stmt.upperBound }
                            .map(\.location.line)
                        if !keys.isEmpty { map[n] = keys.sorted() }
                    } else if let id = Self.nodeID(line), let offset = nodes[id],
                              let site = here.first(where: { $0.range.start == offset }) {
                        map[n] = [site.location.line]
                        links[n] = site.location.line
                    }
                }
                nodeLinks[ex.blockIndex] = links
            case .run, .aot:
                continue
            }
            lines[ex.blockIndex] = map
            for keys in map.values { mappedILLines.formUnion(keys) }
        }
    }

    /// The first `[000012]` node id of a dump line.
    static func nodeID(_ line: Substring) -> Int? {
        guard let open = line.firstIndex(of: "[") else { return nil }
        let digits = line[line.index(after: open)...].prefix { $0.isASCII && $0.isNumber }
        let close = line.index(open, offsetBy: digits.count + 1, limitedBy: line.endIndex)
        guard digits.count == 6, let close, close < line.endIndex, line[close] == "]" else { return nil }
        return Int(digits)
    }

    /// `STMT00001 (IL 0x003...0x006)`: the offsets of the statement's first and last IL instruction.
    static func statementRange(_ line: Substring) -> ClosedRange<Int>? {
        guard line.hasPrefix("STMT"), let open = line.range(of: "(IL 0x"), let dots = line.range(of: "...0x"),
              let close = line[dots.upperBound...].firstIndex(of: ")") else { return nil }
        guard let a = Int(line[open.upperBound..<dots.lowerBound], radix: 16),
              let b = Int(line[dots.upperBound..<close], radix: 16), a <= b else { return nil }
        return a...b
    }
}
