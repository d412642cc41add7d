/// The fixed address map every code image and listing uses (DESIGN §5).
///
/// Listings print real addresses (handles, cells), so they must not depend on
/// where the host happens to map memory. Every region has a fixed base, and
/// every method a fixed slot computed from its position in the module, so one
/// method's listing never changes because another method grew.
///
/// | region              | base             | contents                                      |
/// |---------------------|------------------|-----------------------------------------------|
/// | helper cells        | 0x7FF000000000   | one 8-byte cell per runtime helper, by helper |
/// |                     |                  | id (`Helpers.all`); the C runtime fills them  |
/// | indirection cells   | 0x7FF000010000   | one 8-byte cell per method, in module order   |
/// | method tables       | 0x7FF000100000   | one 4 KiB slot per type, in module order      |
/// | read-only data      | 0x7FF000200000   | one 4 KiB slot per method (jump tables, RWD)  |
/// | frozen strings      | 0x7FF000300000   | System.String method table (16 bytes), then   |
/// |                     |                  | string literal objects (`FrozenStrings`)      |
/// | statics             | 0x7FF000400000   | one 4 KiB block per user type, in module order|
/// | hashed cells        | 0x7FF000800000   | 2^20 8-byte cells, slot = hash(method name)   |
/// | code                | 0x7FF001000000   | one 64 KiB slot per method, in module order   |
/// | hashed code         | 0x7FF010000000   | 2^13 64 KiB slots, hash(method name), probing |
/// | field data          | 0x7FF030000000   | RVA field data (`.data`), module order, 16 MiB|
/// |                     |                  | (`FieldDataRegion`): u64 size, bytes, pad 8   |
/// | hashed data         | 0x7FF040000000   | 4 KiB read-only data per hashed code slot     |
/// | stubs               | 0x7FF048000000   | unboxing and not-compiled stubs, image order  |
/// | generic virtuals    | 0x7FF050000000   | 2^16 4 KiB descriptors, slot = hash(method    |
/// |                     |                  | name): the implementations of one instantiated|
/// |                     |                  | generic virtual method, per type (writable)   |
/// | hashed MTs          | 0x600000000000   | 2^20 4 KiB slots, slot = hash(type name)      |
/// | hashed statics      | 0x601000000000   | 2^20 4 KiB blocks, slot = hash(type name)     |
///
/// User-module definitions keep index-based slots. CoreLib types and methods and
/// every generic instantiation get hashed slots (64-bit FNV-1a of the listing name),
/// so a listing never depends on compilation order or on which other methods exist;
/// two names in one slot are an internal error. Code stays within rel32 reach of every
/// cell (x64 calls `[rip+cell]`), so hashed code has a small region and resolves a
/// collision by probing the next slot: code addresses never appear in listings.
public enum AddressMap {
    public static let helpersBase: UInt64 = 0x7FF0_0000_0000
    public static let cellsBase: UInt64 = 0x7FF0_0001_0000
    public static let methodTablesBase: UInt64 = 0x7FF0_0010_0000
    public static let readOnlyDataBase: UInt64 = 0x7FF0_0020_0000
    public static let stringsBase: UInt64 = 0x7FF0_0030_0000
    public static let codeBase: UInt64 = 0x7FF0_0100_0000
    public static let staticsBase: UInt64 = 0x7FF0_0040_0000
    public static let hashedCellsBase: UInt64 = 0x7FF0_0080_0000
    public static let hashedCodeBase: UInt64 = 0x7FF0_1000_0000
    public static let fieldDataBase: UInt64 = 0x7FF0_3000_0000
    public static let hashedDataBase: UInt64 = 0x7FF0_4000_0000
    public static let stubsBase: UInt64 = 0x7FF0_4800_0000
    public static let genericVirtualsBase: UInt64 = 0x7FF0_5000_0000
    /// Number of generic-virtual descriptor slots, and the size of one.
    public static let genericVirtualSlots: UInt64 = 1 << 16
    public static let genericVirtualSlotSize: UInt64 = 0x1000
    public static let hashedMethodTablesBase: UInt64 = 0x6000_0000_0000
    public static let hashedStaticsBase: UInt64 = 0x6010_0000_0000
    /// Number of hashed cell, method-table and statics slots.
    public static let hashedSlots: UInt64 = 1 << 20
    /// Number of hashed code slots.
    public static let hashedCodeSlots: UInt64 = 1 << 13
    /// Size of one type's statics block.
    public static let staticsSlotSize: UInt64 = 0x1000

    /// Size of the field-data region (it ends well before the hashed data region).
    public static let fieldDataRegionSize: UInt64 = 0x100_0000
    /// Size of the frozen-strings region (it ends where the next 1 MiB starts).
    public static let stringsRegionSize: UInt64 = 0x10_0000

    /// Size of one method's code slot.
    public static let codeSlotSize: UInt64 = 0x1_0000
    /// Size of one method's read-only data slot.
    public static let dataSlotSize: UInt64 = 0x1000
    /// Size of one type's method-table slot.
    public static let methodTableSlotSize: UInt64 = 0x1000

    /// Address of the cell of the runtime helper with id `id`.
    public static func helperCell(_ id: Int) -> UInt64 { helpersBase + UInt64(id) * 8 }
    /// Address of the indirection cell of the method with module index `i`.
    public static func cell(_ i: Int) -> UInt64 { cellsBase + UInt64(i) * 8 }
    /// Address of the code of the method with module index `i`.
    public static func code(_ i: Int) -> UInt64 { codeBase + UInt64(i) * codeSlotSize }
    /// Address of the read-only data of the method with module index `i`.
    public static func data(_ i: Int) -> UInt64 { readOnlyDataBase + UInt64(i) * dataSlotSize }
    /// Address of the method table of the type with module index `i`.
    public static func methodTable(_ i: Int) -> UInt64 { methodTablesBase + UInt64(i) * methodTableSlotSize }
    /// Address of the statics block of the user type with module index `i`.
    public static func statics(_ i: Int) -> UInt64 { staticsBase + UInt64(i) * staticsSlotSize }

    /// The hashed slot of a name: 64-bit FNV-1a of its UTF-8 bytes, modulo `count`.
    public static func hashSlot(_ name: String, count: UInt64 = hashedSlots) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        return h % count
    }
    public static func hashedCell(_ slot: UInt64) -> UInt64 { hashedCellsBase + slot * 8 }
    public static func hashedCode(_ slot: UInt64) -> UInt64 { hashedCodeBase + slot * codeSlotSize }
    public static func hashedData(_ slot: UInt64) -> UInt64 { hashedDataBase + slot * dataSlotSize }
    public static func hashedMethodTable(_ slot: UInt64) -> UInt64 { hashedMethodTablesBase + slot * methodTableSlotSize }
    public static func hashedStatics(_ slot: UInt64) -> UInt64 { hashedStaticsBase + slot * staticsSlotSize }
    /// The descriptor of an instantiated generic virtual method, by its listing name.
    public static func genericVirtualDescriptor(_ name: String) -> UInt64 {
        genericVirtualsBase + hashSlot(name, count: genericVirtualSlots) * genericVirtualSlotSize
    }
}
