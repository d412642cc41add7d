/// The allocator's view of the registers while it assigns them: the intervals each register
/// holds and the positions where it is clobbered.
///
/// A method has many intervals and few registers, most of them idle, so the per-register lists
/// live in flat arrays rather than an array per register: a register's occupants are a linked
/// list in assignment order (`blockers` answers in that order, which decides the spill order),
/// its clobbers one run of `clobbers` in position order.
///
/// Intervals are named by their index in the `IntervalSet`'s array, which each query is given.
/// The per-register and per-occupant fields are kept together in one array each (an array per
/// field would cost an allocation per field and method).
struct RegisterFile {
    /// One assignment of a register to an interval.
    private struct Occupant {
        /// The interval (by index).
        let interval: Int
        /// The index of the next occupant of the same register (-1: the last one).
        var next = -1
    }

    /// What the allocator knows of one register.
    private struct Register {
        /// Its first and last occupant (-1: none).
        var first = -1
        var last = -1
        /// No occupant ends after this (an interval starting later meets none of them).
        var maxEnd = -1
    }

    /// Every interval ever given a register, in assignment order.
    private var occupants: [Occupant] = []
    private var registers: [Register]
    /// The clobbers, in position order.
    private let clobbers: [FixedRange]
    /// Indices into `clobbers` grouped by register, each group in position order (so sorted by
    /// start and by end): register r's are `byRegister[clobberStart[r] ..< clobberStart[r + 1]]`.
    private let byRegister: [Int]
    private let clobberStart: [Int]

    /// Empty registers `0 ..< count`, clobbered by `fixed` (given in position order); room for
    /// `capacity` assignments.
    init(count: Int, clobbers fixed: [FixedRange], capacity: Int) {
        registers = [Register](repeating: Register(), count: count)
        occupants.reserveCapacity(capacity)
        clobbers = fixed
        // A stable bucket sort by register keeps each register's clobbers in position order.
        // `start[r]` counts r's clobbers, becomes where r's group begins (the counts before it),
        // and then where r's next clobber goes, which leaves it at the end of r's group.
        var start = [Int](repeating: 0, count: count + 1)
        for f in fixed { start[f.reg] += 1 }
        var total = 0
        for r in 0..<count { (start[r], total) = (total, total + start[r]) }
        var grouped = [Int](repeating: 0, count: fixed.count)
        for (i, f) in fixed.enumerated() {
            grouped[start[f.reg]] = i
            start[f.reg] += 1
        }
        // Each `start[r]` now holds where register r + 1's group begins.
        for r in stride(from: count, to: 0, by: -1) { start[r] = start[r - 1] }
        start[0] = 0
        clobberStart = start
        byRegister = grouped
    }

    /// True when a clobber of `r` overlaps interval `i` (other than one the interval's own node makes).
    func clobbered(_ r: RegNum, _ i: Int, in intervals: [Interval]) -> Bool {
        let start = intervals[i].start, end = intervals[i].end
        let owner = intervals[i].nodeID, pairedCall = intervals[i].pairedCallID
        // Skip the clobbers that end before the interval starts (binary search on the ends).
        var lo = clobberStart[r], hi = clobberStart[r + 1]
        let stop = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if clobbers[byRegister[mid]].end < start { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < stop && clobbers[byRegister[k]].start <= end {
            let f = clobbers[byRegister[k]]
            // Every clobber has an owner node (id >= 0), so a missing owner or paired call (-1) never
            // matches one.
            if intervals[i].overlaps(f.start, f.end) && f.owner != owner && f.owner != pairedCall {
                return true
            }
            k += 1
        }
        return false
    }

    /// True when neither a clobber nor an interval already in `r` overlaps interval `i`.
    func free(_ r: RegNum, _ i: Int, in intervals: [Interval]) -> Bool {
        if clobbered(r, i, in: intervals) { return false }
        if intervals[i].start > registers[r].maxEnd { return true }
        var k = registers[r].first
        while k >= 0 {
            if intervals[occupants[k].interval].overlaps(intervals[i]) { return false }
            k = occupants[k].next
        }
        return true
    }

    /// Gives `r` to interval `i`, which ends at `end` (after the register's other occupants).
    mutating func assign(_ i: Int, ending end: Int, to r: RegNum) {
        let k = occupants.count
        occupants.append(Occupant(interval: i))
        if registers[r].last >= 0 { occupants[registers[r].last].next = k } else { registers[r].first = k }
        registers[r].last = k
        registers[r].maxEnd = max(registers[r].maxEnd, end)
    }

    /// The intervals in `r` that overlap interval `i`, in the order they were given `r`.
    func blockers(of i: Int, in r: RegNum, _ intervals: [Interval]) -> [Int] {
        var out: [Int] = []
        var k = registers[r].first
        while k >= 0 {
            if intervals[occupants[k].interval].overlaps(intervals[i]) { out.append(occupants[k].interval) }
            k = occupants[k].next
        }
        return out
    }

    /// Takes `r` away from interval `victim`.
    mutating func evict(_ victim: Int, from r: RegNum) {
        var previous = -1, k = registers[r].first
        while k >= 0 {
            let following = occupants[k].next
            if occupants[k].interval == victim {
                if previous >= 0 { occupants[previous].next = following } else { registers[r].first = following }
                if registers[r].last == k { registers[r].last = previous }
            } else {
                previous = k
            }
            k = following
        }
    }
}
