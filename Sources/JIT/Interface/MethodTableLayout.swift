/// The memory layout of a method table: the ONE description the JIT's codegen, the runtime
/// model (Runtime/TypeSystem/MethodTableBytes.swift) and the C runtime (jitbook_runtime.h) share.
///
/// ```text
/// +0x00  u32 flags            1 array, 2 value type, 4 interface, 8 string, 16 multi-dimensional array
/// +0x04  u32 base size        allocation size of an instance (arrays/strings: without elements;
///                             multi-dimensional arrays: 16 + 8 * rank, which gives the rank)
/// +0x08  u32 component size   array element / string char size, else 0
/// +0x0C  u32 vtable slots     number of vtable slots
/// +0x10  u64 parent           parent method table (0 for System.Object and interfaces)
/// +0x18  u64 element type     element method table (arrays), else 0
/// +0x20  u32 interface count  entries of the interface map
/// +0x24  u32 data size        value types: size of the unboxed data
/// +0x28  u64 interface map    -> [u64 interface MT, u64 -> slot table] per interface
/// +0x30  u64 name             -> UTF-8, NUL-terminated reflection name (`Program+Derived`)
/// +0x38  u64 enum info       enums: -> [u32 count, u32 flags (1 signed, 2 [Flags])]
///                             then count x [i64 value, u64 -> UTF-8 NUL-terminated name]; else 0
/// +0x40  u64 chunk pointers   one per 8 vtable slots, each -> 8 u64 code addresses
/// ...    chunks, interface map, slot tables, name
/// ```
///
/// A virtual call loads the method table from the object, the chunk pointer of the slot,
/// and calls through the slot: `mov rax, [rdi]` / `mov rax, [rax+0x40]` / `call [rax+0x08]`.
public enum MethodTableLayout {
    public static let flagsOffset = 0x00
    public static let baseSizeOffset = 0x04
    public static let componentSizeOffset = 0x08
    public static let slotCountOffset = 0x0C
    public static let parentOffset = 0x10
    public static let elementTypeOffset = 0x18
    public static let interfaceCountOffset = 0x20
    public static let dataSizeOffset = 0x24
    public static let interfaceMapOffset = 0x28
    public static let nameOffset = 0x30
    public static let enumInfoOffset = 0x38
    public static let chunksOffset = 0x40
    public static let slotsPerChunk = 8

    public static let flagArray: UInt32 = 1
    public static let flagValueType: UInt32 = 2
    public static let flagInterface: UInt32 = 4
    public static let flagString: UInt32 = 8
    /// With `flagArray`: a multi-dimensional array (`MDArrayLayout`), whose rank is (base size - 16) / 8.
    public static let flagMultiDimensional: UInt32 = 16

    /// Enum info flags: the underlying type is signed; the enum carries `[Flags]`.
    public static let enumSigned: UInt32 = 1
    public static let enumFlagsAttribute: UInt32 = 2

    /// Offset in the method table of the chunk pointer holding `slot`.
    public static func chunkOffset(slot: Int) -> Int { chunksOffset + 8 * (slot / slotsPerChunk) }
    /// Offset of `slot` inside its chunk.
    public static func slotOffsetInChunk(slot: Int) -> Int { 8 * (slot % slotsPerChunk) }
}
