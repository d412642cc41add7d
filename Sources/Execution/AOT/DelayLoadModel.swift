import Diagnostics
import IL
import JIT
import Runtime

/// The delay-load stub of the model's ReadyToRun images, and what it makes of a `jmp`.
///
/// Every indirection cell of an image starts out pointing at one shared delay-load stub. The
/// stub must learn which cell brought it there, to bind that cell to the method's code: the
/// model's stub does it from its return address, decoding the call instruction that ends there
/// (`call [rip+disp32]` on x64; `movz/movk x16, cell` / `ldr x16, [x16]` / `blr x16` on arm64).
/// That works for every call. RyuJIT compiles IL `jmp` (CEE_JMP) into the method's epilog
/// followed by a jump through the callee's cell, and a jump pushes no return address: the stub
/// finds the *caller's* call instead, whose cell is the jumping method's own. It would bind that
/// cell again and enter the jumping method, which jumps again: the program never gets anywhere.
/// This is the bug seed 004's description mentions (crossgen2's `jmp` through a delay-load
/// import); upstream a jump needs a jumpable import stub (`updateEntryPointForTailCall`), or
/// crossgen2 refuses to precompile methods with CEE_JMP.
///
/// The model's JIT compiles `jmp` as a call and a return (a simplification of its own), so
/// the model does not run the image: it finds each `jmp` in the compiled methods' IL and
/// reports it as a located failure, with the jump RyuJIT would emit (encoded by the model's
/// encoder) and what the stub would decode at the return address, taken from the image's code.
enum DelayLoadModel {
    static func jumpProblems(_ image: AotImage, module: IL.Module, runtime: ModuleRuntime) -> [String] {
        var out: [String] = []
        for node in image.nodes where node.failure == nil {
            guard let def = runtime.definition(of: node.handle) else { continue }
            for ins in def.body where ins.opcode == .jmp {
                guard case .method(let ref) = ins.operand,
                      let target = try? runtime.resolveMethod(ref, in: node.handle, at: ins.location) else { continue }
                var text = "\(Diagnostic(.unsupported, at: ins.location, "'jmp' to \(target.displayName) cannot run from a ReadyToRun image: the jump goes through an indirection cell that the delay-load stub cannot bind").description)\n"
                text += "    the jump at the end of \(node.name), after its epilog, through the cell at \(hex(target.cellAddress)):\n"
                if let lines = try? Stubs.jumpThroughCellInstructions(arch: image.arch, at: node.codeAddress, cell: target.cellAddress,
                                                                      symbol: target.displayName) {
                    for l in lines { text += "       \(l.text)\n" }
                }
                text += "    until its first use the cell holds the delay-load stub, which reads the cell to bind from the call before its return address;\n"
                if let site = callSite(of: node.cellAddress, in: image) {
                    text += "    after the jump that is the call at \(site.caller)+\(hex16(site.offset)) (the return address of \(node.name)),\n"
                    text += "    whose cell \(hex(site.cell)) is \(node.name)'s own, not \(target.displayName)'s \(hex(target.cellAddress)):\n"
                } else {
                    text += "    after the jump that is whatever call entered \(node.name) (no code of the image calls it),\n"
                    text += "    whose cell is \(node.name)'s own, not \(target.displayName)'s \(hex(target.cellAddress)):\n"
                }
                text += "    the stub binds \(node.name) again and enters it, and it jumps again: an endless loop\n"
                out.append(text)
            }
        }
        return out
    }

    /// The first call in the image's code through `cell`, decoded the way the stub decodes one.
    static func callSite(of cell: UInt64, in image: AotImage) -> (caller: String, offset: Int, cell: UInt64)? {
        for n in image.nodes {
            let code = n.code
            switch image.arch {
            case .x64:
                var i = 0
                while i + 6 <= code.count {
                    if code[i] == 0xFF, code[i + 1] == 0x15 {
                        let disp = Int32(bitPattern: UInt32(code[i + 2]) | UInt32(code[i + 3]) << 8
                                         | UInt32(code[i + 4]) << 16 | UInt32(code[i + 5]) << 24)
                        let returnAddress = n.codeAddress &+ UInt64(i + 6)
                        if returnAddress &+ UInt64(bitPattern: Int64(disp)) == cell { return (n.name, i + 6, cell) }
                    }
                    i += 1
                }
            case .arm64:
                func word(_ at: Int) -> UInt32 {
                    UInt32(code[at]) | UInt32(code[at + 1]) << 8 | UInt32(code[at + 2]) << 16 | UInt32(code[at + 3]) << 24
                }
                var i = 8
                while i + 4 <= code.count {
                    // blr x16, preceded by ldr x16, [x16] and the movz/movk that build the cell's address.
                    if word(i) == 0xD63F_0200, word(i - 4) == 0xF940_0210 {
                        var value: UInt64 = 0
                        var j = i - 8
                        while j >= 0 {
                            let w = word(j)
                            let isMovz = w & 0xFF80_001F == 0xD280_0010, isMovk = w & 0xFF80_001F == 0xF280_0010
                            guard isMovz || isMovk else { break }
                            value |= UInt64((w >> 5) & 0xFFFF) << UInt64(16 * ((w >> 21) & 3))
                            if isMovz { break }
                            j -= 4
                        }
                        if value == cell { return (n.name, i + 4, cell) }
                    }
                    i += 4
                }
            }
        }
        return nil
    }

    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16, uppercase: true) }
    static func hex16(_ v: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
