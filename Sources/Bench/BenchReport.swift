import Foundation

/// One measured figure, with the peer's figure from the same run where a peer exists.
public struct BenchRow: Codable, Sendable, Equatable {
    /// `jit`, `code`, `run`, `book`.
    public var group: String
    /// What was measured, e.g. `corpus N=1000, x64`.
    public var name: String
    public var value: Double
    /// `us/method`, `IL bytes/us`, `bytes`, `s`, ...
    public var unit: String
    /// The peer's figure in the same unit, nil where there is no peer.
    public var peer: Double?
    /// Who the peer is (`mono 6.8 --compile-all`), nil where there is none.
    public var peerName: String?
    /// How ours compares: `ratio` with `ratioMeaning` saying which way is better.
    public var ratio: Double?
    public var ratioMeaning: String?
    /// Anything a reader must know to trust the figure (what was subtracted, why no peer).
    public var note: String

    public init(group: String, name: String, value: Double, unit: String, peer: Double? = nil, peerName: String? = nil,
                ratio: Double? = nil, ratioMeaning: String? = nil, note: String = "") {
        self.group = group
        self.name = name
        self.value = value
        self.unit = unit
        self.peer = peer
        self.peerName = peerName
        self.ratio = ratio
        self.ratioMeaning = ratioMeaning
        self.note = note
    }
}

/// All rows of one `jitbook bench` run, printed as a table and written as JSON.
public struct BenchReport: Codable, Sendable {
    /// `x86_64, 2 cores`, the mono version: where the figures come from.
    public var machine: String
    public var rows: [BenchRow] = []

    public init(machine: String) { self.machine = machine }

    /// A plain-text table, one row per figure, columns aligned.
    public func table() -> String {
        var lines = [["group", "measure", "ours", "peer", "ratio", "note"]]
        for r in rows {
            let ours = "\(Self.number(r.value)) \(r.unit)"
            let peer = r.peer.map { "\(Self.number($0)) \(r.unit) (\(r.peerName ?? "peer"))" } ?? "-"
            let ratio = r.ratio.map { String(format: "%.2f", $0) + (r.ratioMeaning.map { " \($0)" } ?? "") } ?? "-"
            lines.append([r.group, r.name, ours, peer, ratio, r.note])
        }
        var widths = [Int](repeating: 0, count: 5)
        for l in lines { for i in 0..<5 { widths[i] = max(widths[i], l[i].count) } }
        return lines.map { l in
            (0..<5).map { l[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + (l[5].isEmpty ? "" : "  " + l[5])
        }.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON with sorted keys (stable to diff between runs).
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// Three significant figures, without exponent for the usual ranges.
    public static func number(_ v: Double) -> String {
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 100 { return String(format: "%.0f", v) }
        if magnitude >= 10 { return String(format: "%.1f", v) }
        if magnitude >= 1 { return String(format: "%.2f", v) }
        return String(format: "%.3g", v)
    }
}
