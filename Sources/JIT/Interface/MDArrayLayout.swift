/// The memory layout of a multi-dimensional array (`int[,]`), as CoreCLR lays one out: the ONE
/// description the JIT's importer, the runtime model and the C runtime (jitbook_runtime.h) share.
///
/// ```text
/// +0x00        u64 method table     its rank is in the type (base size 16 + 8 * rank)
/// +0x08        u32 total length     what `Array.Length` and `ldlen` read, as for `int[]`
/// +0x0C        u32 padding
/// +0x10        u32 length[rank]     per-dimension lengths
/// +0x10+4r     i32 lowerBound[rank] per-dimension lower bounds (0 for arrays C# creates)
/// +0x10+8r     elements             row-major: the last index varies fastest
/// ```
///
/// Keeping the total length where `int[]` keeps its length lets `Array.Length` stay one field
/// load for every array; the lower bounds are stored (and subtracted by every access) even though
/// C# only creates zero-based arrays, because the layout is CoreCLR's.
public enum MDArrayLayout {
    /// Offset of the total element count.
    public static let lengthOffset = 8
    /// Offset of the first dimension's length.
    public static let boundsOffset = 16
    /// The most dimensions the model's allocation helper takes (its arguments travel in registers:
    /// the method table and one length per dimension).
    public static let maxRankForNew = 5

    /// Offset of dimension `dimension`'s length.
    public static func lengthOffset(dimension: Int) -> Int { boundsOffset + 4 * dimension }
    /// Offset of dimension `dimension`'s lower bound.
    public static func lowerBoundOffset(dimension: Int, rank: Int) -> Int { boundsOffset + 4 * rank + 4 * dimension }
    /// Offset of the first element (also the method table's base size).
    public static func dataOffset(rank: Int) -> Int { boundsOffset + 8 * rank }
}
