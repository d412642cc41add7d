import JIT

/// The binary form of a `CodeImage`, read by the C runtime (CRuntime/image.c).
///
/// Little-endian; every record starts 8-aligned:
///
/// ```text
/// header   "JITBIMG\0"  u32 version(3)  u32 arch(0 x64, 1 arm64)  u64 entry
///          u32 entry_kind(1 returns int32, 2 takes string[])  u32 segments  u32 relocations  u32 methods
///          u32 cctors  u32 exception_types  u64 string_method_table
/// segment  u64 address  u32 size  u32 protection(1 R, 2 W, 4 X)  bytes  (pad to 8)
/// reloc    u64 cell  u32 helper_id  u32 name_length  name (UTF-8)  (pad to 8)
/// method   u64 start  u32 size  u32 name_length  name (UTF-8)  (pad to 8)
/// cctor    u64 address
/// exception type  u64 method_table   (the runtime's own exceptions, found by their names)
/// ```
public enum ImageFormat {
    public static let magic: [UInt8] = Array("JITBIMG".utf8) + [0]
    public static let version: UInt32 = 3

    /// The image's bytes.
    public static func serialize(_ image: CodeImage) -> [UInt8] {
        var out = ByteWriter()
        out.bytes += magic
        out.u32(version)
        out.u32(image.arch == .x64 ? 0 : 1)
        out.u64(image.entry)
        out.u32(image.entryKind.rawValue)
        out.u32(UInt32(image.segments.count))
        out.u32(UInt32(image.helperRelocations.count))
        out.u32(UInt32(image.methods.count))
        out.u32(UInt32(image.cctors.count))
        out.u32(UInt32(image.exceptionMethodTables.count))
        out.u64(image.stringMethodTable)
        for s in image.segments {
            out.u64(s.address)
            out.u32(UInt32(s.bytes.count))
            out.u32(s.protection.rawValue)
            out.bytes += s.bytes
            out.align8()
        }
        for r in image.helperRelocations {
            out.u64(r.cell)
            out.u32(UInt32(r.helperID))
            out.name(r.name)
        }
        for m in image.methods {
            out.u64(m.start)
            out.u32(UInt32(m.size))
            out.name(m.name)
        }
        for c in image.cctors { out.u64(c) }
        for t in image.exceptionMethodTables { out.u64(t) }
        return out.bytes
    }
}

/// Little-endian byte output.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) } }
    mutating func align8() { while bytes.count % 8 != 0 { bytes.append(0) } }
    mutating func name(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes += utf8
        align8()
    }
}
