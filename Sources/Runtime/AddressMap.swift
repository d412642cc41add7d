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
/// | code                | 0x7FF001000000   | one 64 KiB slot per method, in module order   |
public enum AddressMap {
    public static let helpersBase: UInt64 = 0x7FF0_0000_0000
    public static let cellsBase: UInt64 = 0x7FF0_0001_0000
    public static let methodTablesBase: UInt64 = 0x7FF0_0010_0000
    public static let readOnlyDataBase: UInt64 = 0x7FF0_0020_0000
    public static let stringsBase: UInt64 = 0x7FF0_0030_0000
    public static let codeBase: UInt64 = 0x7FF0_0100_0000

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
}
