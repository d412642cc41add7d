import ARM64
import X64

/// Small pieces of machine code the image builder places in the stubs region.
///
/// - An unboxing stub lets a boxed value type's vtable slot reach a method compiled for
///   a byref `this`: it adds 8 (skips the method table pointer) and jumps through the
///   method's cell, as CoreCLR's unboxing stubs do.
/// - A jump stub jumps through a cell (the not-compiled helper's, for vtable slots of
///   methods nothing called directly).
public enum Stubs {
    /// `add rdi, 8` / `jmp [cell]` (x64); `add x0, x0, #8` / load cell / `br` (arm64).
    public static func unboxing(arch: Arch, at address: UInt64, cell: UInt64) throws -> [UInt8] {
        switch arch {
        case .x64:
            let add = try X64.Instruction(.add, .q(.rdi), .imm(8)).encode(at: address, labels: { _ in nil })
            return add + (try jumpThroughCell(arch: arch, at: address + UInt64(add.count), cell: cell))
        case .arm64:
            let add = try ARM64.Instruction(.add, .x, operands: [.reg(.x0), .reg(.x0), .imm(8)]).encode(at: address, labels: { _ in nil })
            return add + (try jumpThroughCell(arch: arch, at: address + 4, cell: cell))
        }
    }

    /// `jmp [cell]` (x64, rip-relative); `mov x16, cell` / `ldr x16, [x16]` / `br x16` (arm64).
    public static func jumpThroughCell(arch: Arch, at address: UInt64, cell: UInt64) throws -> [UInt8] {
        try jumpThroughCellInstructions(arch: arch, at: address, cell: cell, symbol: nil).flatMap(\.bytes)
    }

    /// The instructions of `jumpThroughCell`, each with its encoding and listing text (`symbol`
    /// names the cell in the text, as a call through a method's cell prints its name).
    public static func jumpThroughCellInstructions(arch: Arch, at address: UInt64, cell: UInt64,
                                                   symbol: String?) throws -> [(bytes: [UInt8], text: String)] {
        switch arch {
        case .x64:
            let jmp = X64.Instruction(.jmp, .mem(.absolute(cell)), symbol: symbol)
            return [(try jmp.encode(at: address, labels: { _ in nil }), jmp.text(labelName: { _ in "" }))]
        case .arm64:
            var out: [(bytes: [UInt8], text: String)] = []
            var at = address
            func add(_ i: ARM64.Instruction) throws {
                let bytes = try i.encode(at: at, labels: { _ in nil })
                out.append((bytes, i.text(labelName: { _ in "" })))
                at += UInt64(bytes.count)
            }
            var first = true
            for i in 0..<4 {
                let chunk = Int64((cell >> UInt64(16 * i)) & 0xFFFF)
                guard chunk != 0 else { continue }
                let op: ARM64.Operand = i == 0 ? .imm(chunk) : .shiftedImm(chunk, lsl: UInt8(16 * i))
                let comment = first ? symbol.map { "cell of \($0)" } : nil
                try add(ARM64.Instruction(first ? .movz : .movk, .x, operands: [.reg(.x16), op], comment: comment))
                first = false
            }
            try add(ARM64.Instruction(.ldr, .x, operands: [.reg(.x16), .mem(.offset(.x16, 0))]))
            try add(ARM64.Instruction(.br, .x, operands: [.reg(.x16)]))
            return out
        }
    }
}
