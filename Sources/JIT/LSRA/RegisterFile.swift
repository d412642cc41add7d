/// The allocator's view of the registers while it assigns them: the intervals each register
/// holds and the positions where it is clobbered.
///
/// A method has many intervals and few registers, most of them idle, so the per-register lists
/// live in flat arrays rather than an array per register: a register's occupants are a linked
/// list in assignment order (`blockers` answers in that order, which decides the spill order),
/// its clobbers one run of `clobbers` in position order.
///
/// Intervals are named by their index in the `IntervalSet`'s array, which each query is given.
struct RegisterFile {
    /// Every interval ever given a register (by index), in assignment order.
    private var occupants: [Int] = []
    /// Per occupant: the index of the next occupant of the same register (-1: the last one).
    private var next: [Int] = []
    /// Per register: its first and last occupant (-1: none).
    private var first: [Int]
    private var last: [Int]
    /// Per register: no occupant ends after this (an interval starting later meets none of them).
    private var maxEnd: [Int]
    /// The clobbers, in position order.
    private let clobbers: [FixedRange]
    /// Indices into `clobbers` grouped by register, each group in position order (so sorted by
    /// start and by end): register r's are `byRegister[clobberStart[r] ..< clobberStart[r + 1]]`.
    private let byRegister: [Int]
    private let clobberStart: [Int]

    /// Empty registers `0 ..< count`, clobbered by `fixed` (given in position order); room for
    /// `capacity` assignments.
    init(count: Int, clobbers fixed: [FixedRange], capacity: Int) {
        first = [Int](repeating: -1, count: count)
        last = first
        maxEnd = first
        occupants.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
        clobbers = fixed
        var start = [Int](repeating: 0, count: count + 1)
        for f in fixed { start[f.reg + 1] += 1 }
        for r in 0..<count { start[r + 1] += start[r] }
        clobberStart = start
        // A stable bucket sort by register keeps each register's clobbers in position order.
        var grouped = [Int](repeating: 0, count: fixed.count)
        var at = start
        for (i, f) in fixed.enumerated() {
            grouped[at[f.reg]] = i
            at[f.reg] += 1
        }
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
        if intervals[i].start > maxEnd[r] { return true }
        var k = first[r]
        while k >= 0 {
            if intervals[occupants[k]].overlaps(intervals[i]) { return false }
            k = next[k]
        }
        return true
    }

    /// Gives `r` to interval `i`, which ends at `end` (after the register's other occupants).
    mutating func assign(_ i: Int, ending end: Int, to r: RegNum) {
        let k = occupants.count
        occupants.append(i)
        next.append(-1)
        if last[r] >= 0 { next[last[r]] = k } else { first[r] = k }
        last[r] = k
        maxEnd[r] = max(maxEnd[r], end)
    }

    /// The intervals in `r` that overlap interval `i`, in the order they were given `r`.
    func blockers(of i: Int, in r: RegNum, _ intervals: [Interval]) -> [Int] {
        var out: [Int] = []
        var k = first[r]
        while k >= 0 {
            if intervals[occupants[k]].overlaps(intervals[i]) { out.append(occupants[k]) }
            k = next[k]
        }
        return out
    }

    /// Takes `r` away from interval `victim`.
    mutating func evict(_ victim: Int, from r: RegNum) {
        var previous = -1, k = first[r]
        while k >= 0 {
            let following = next[k]
            if occupants[k] == victim {
                if previous >= 0 { next[previous] = following } else { first[r] = following }
                if last[r] == k { last[r] = previous }
            } else {
                previous = k
            }
            k = following
        }
    }
}
