/// Sequencing of simultaneous register moves (the prolog's "incoming arguments to their homes").
///
/// Moves that happen "at once" must be emitted one after another without a destination
/// overwriting a source that is still to be read; a cycle (`a <- b`, `b <- a`) is broken
/// by parking one source in a scratch register. Both targets use this one algorithm.
enum ParallelMove {
    struct Move<Reg: Equatable, Width> {
        var dst: Reg
        var src: Reg
        var width: Width
    }

    /// The moves in a safe order; `scratch`/`scratchWidth` hold a value while a cycle is broken.
    static func sequence<Reg: Equatable, Width>(_ moves: [Move<Reg, Width>], scratch: Reg,
                                                scratchWidth: Width) -> [Move<Reg, Width>] {
        var pending = moves.filter { $0.dst != $0.src }
        var out: [Move<Reg, Width>] = []
        while !pending.isEmpty {
            if let i = pending.firstIndex(where: { m in !pending.contains { $0.src == m.dst } }) {
                out.append(pending.remove(at: i))
            } else {
                let m = pending[0]
                out.append(Move(dst: scratch, src: m.src, width: scratchWidth))
                for k in pending.indices where pending[k].src == m.src { pending[k].src = scratch }
            }
        }
        return out
    }
}
