import Diagnostics

/// The emitter: sizes branches, forms instruction groups, encodes, and prints the listing.
///
/// The listing is printed from the encoded instructions (offsets and sizes are
/// the real ones), in the format of RyuJIT's JitDisasm (DESIGN §3).
enum Emitter {
    /// One instruction group (`G_M1234_IG02`): a run of consecutive instructions.
    struct Group {
        var number: Int
        var weight: Double
        /// Indices of the group's instructions in the method's instruction list.
        var instructions: Range<Int>
        var offset = 0
    }

    /// The method's instructions with their final code offsets and sizes, by instruction index.
    struct Layout<Instruction: MachineInstruction> {
        var instructions: [Instruction]
        var offsets: [Int]
        var sizes: [Int]
    }

    /// What `emit` produces for a method.
    typealias Output = (listing: String, code: [UInt8], data: [UInt8], debugInfo: MethodDebugInfo, perfScore: Double)

    /// Encodes the method; prints its listing only when `listing` (the text is a fifth of a
    /// compilation's time, and code images and throughput runs never read it).
    static func emit(_ c: Compiler, listing wantsListing: Bool = true) throws -> Output {
        switch c.arch {
        case .x64:
            var instructions = c.machine.takeX64Instructions()
            return try emit(c, &instructions, listing: wantsListing)
        case .arm64:
            var instructions = c.machine.takeARM64Instructions()
            return try emit(c, &instructions, listing: wantsListing)
        }
    }

    /// `emit` for the target's instruction type (specialised per target: no instruction is boxed).
    /// `insts` is the method's own array (taken from `MachineCode`): branches are widened in place.
    private static func emit<Instruction: MachineInstruction>(_ c: Compiler, _ insts: inout [Instruction],
                                                              listing wantsListing: Bool) throws -> Output {
        let code = c.machine
        let base = c.codeAddress
        // Label ids are dense (`MachineCode.newLabel`): per-label facts live in arrays.
        let labelCount = code.labelCount

        // Labels that start groups: branch targets and jump-table entries.
        var targeted = [Bool](repeating: false, count: labelCount)
        insts.withUnsafeBufferPointer { insts in
            for i in insts.indices { if let t = insts[i].branchTarget { targeted[t] = true } }
        }
        for d in code.data {
            for e in d.entries { targeted[e] = true }
            targeted[d.base] = true
        }

        // Group structure (independent of sizes).
        var placed = 0   // instructions placed in groups so far
        var groups: [Group] = [Group(number: 1, weight: 1, instructions: 0..<0)]
        // About a group per block (targeted blocks, epilogs), which the appends would otherwise regrow to.
        groups.reserveCapacity(c.blocks.count + 4)
        var labelGroup = [Int](repeating: -1, count: labelCount)  // label -> group index
        var labelInst = [Int](repeating: -1, count: labelCount)   // label -> index of the next instruction
        var placedLabels: [Int] = []                               // labels placed, in order
        var currentWeight = 1.0
        // Debug info: the prolog runs up to `.prologEnd`, an epilog from `.epilogStart` to the next label.
        var mappings: [ILMapping] = []
        // Read once: reading it through `code` (an object) at every instruction retained it each time.
        let ilRanges = code.ilRanges
        mappings.reserveCapacity(ilRanges.count)
        var inProlog = code.items.contains { if case .prologEnd = $0 { true } else { false } }
        var inEpilog = false
        /// Starts a new group, or reuses the current one if it is empty and not the prolog.
        func startGroup(_ w: Double) {
            let cur = groups.count - 1
            if cur > 0 && groups[cur].instructions.isEmpty {
                groups[cur].weight = w
                return
            }
            groups.append(Group(number: groups.count + 1, weight: w, instructions: placed..<placed))
        }
        func place(_ label: Int) {
            if labelInst[label] < 0 { placedLabels.append(label) }
            labelGroup[label] = groups.count - 1
            labelInst[label] = placed
        }
        for item in code.items {
            switch item {
            case .prologEnd:
                inProlog = false
                startGroup(currentWeight)
            case .epilogStart(let w):
                inEpilog = true
                startGroup(w)
            case .block(let label, let w):
                inEpilog = false
                currentWeight = w
                if targeted[label] {
                    startGroup(w)
                } else if groups.count > 1 && groups[groups.count - 1].instructions.isEmpty {
                    groups[groups.count - 1].weight = w
                }
                place(label)
            case .label(let label):
                inEpilog = false
                if targeted[label] { startGroup(currentWeight) }
                place(label)
            case .instruction:
                let range = placed < ilRanges.count ? ilRanges[placed] : nil
                mappings.append(inProlog ? .prolog : inEpilog ? .epilog : range.map { .il($0) } ?? .noMapping)
                placed += 1
                groups[groups.count - 1].instructions = groups[groups.count - 1].instructions.lowerBound..<placed
            }
        }

        let encoded = try insts.withUnsafeMutableBufferPointer {
            try encode(c, $0, placedLabels: placedLabels, labelInst: labelInst)
        }
        let (offsets, sizes, bytes, labelAddr) = (encoded.offsets, encoded.sizes, encoded.bytes, encoded.labelAddr)
        let totalSize = (offsets.last ?? 0) + (sizes.last ?? 0)

        // Group offsets.
        for g in groups.indices {
            let first = groups[g].instructions.lowerBound
            groups[g].offset = first < offsets.count ? offsets[first] : totalSize
        }
        let layout = Layout(instructions: insts, offsets: offsets, sizes: sizes)
        // The display name is only needed for label text (listings, jump tables).
        lazy var methodID = MethodHash.id(of: c.displayName)
        func groupName(_ g: Int) -> String { "G_M" + ListingFormat.decimal(methodID, width: 3) + "_IG" + ListingFormat.decimal(groups[g].number, width: 2) }
        let labelName: (Int) -> String = { l in
            l >= 0 && l < labelGroup.count && labelGroup[l] >= 0 ? groupName(labelGroup[l]) : "L\(l)"
        }

        // Read-only data: jump tables of 4-byte label differences.
        var data: [UInt8] = []
        var dataLines: [String] = []
        for d in code.data {
            let name = wantsListing ? Self.dataLabel(data.count) : ""
            if let bytes = d.resumeResultBytes {
                for v in [base, labelAddr[d.base] ?? base, UInt64(bytes)] {
                    withUnsafeBytes(of: v.littleEndian) { data += $0 }
                }
                if wantsListing {
                    let third = bytes > 0xFFFF_FFFF ? String(format: "0x%llX", UInt64(bytes)) : "\(bytes)"
                    dataLines.append("\(name)  \tdq\t\(groupName(0)), \(labelName(d.base)), \(third)")
                }
                continue
            }
            for (k, e) in d.entries.enumerated() {
                let v = Int64(bitPattern: (labelAddr[e] ?? base) &- (labelAddr[d.base] ?? base))
                withUnsafeBytes(of: Int32(truncatingIfNeeded: v).littleEndian) { data += $0 }
                if wantsListing {
                    let lead = k == 0 ? "\(name)  \t" : "       \t"
                    dataLines.append("\(lead)dd\t\(labelName(e)) - \(labelName(d.base))")
                }
            }
        }
        let (listing, lines) = wantsListing
            ? ListingPrinter.print(c, groups: groups, layout: layout, groupName: groupName, labelName: labelName,
                                   totalSize: totalSize, dataLines: dataLines)
            : ("", [])   // no listing: no lines (-1 below), and no array of -1s to make
        let debug = MethodDebugInfo(
            instructions: insts.indices.map {
                InstructionDebugInfo(codeOffset: offsets[$0], size: sizes[$0], listingLine: lines.isEmpty ? -1 : lines[$0],
                                     mapping: mappings[$0])
            },
            ilInstructions: (code.ilIndex ?? DebugInfoBuilder.ILIndex(c.method)).sites)
        return (listing, bytes, data, debug, ListingPrinter.perfScore(groups, costs: encoded.costs))
    }

    /// What `encode` produces: each instruction's final offset, size and PerfScore cost, the code
    /// and each label's address.
    private struct Encoded {
        var offsets: [Int]
        var sizes: [Int]
        var costs: [Double]
        var bytes: [UInt8]
        var labelAddr: [UInt64?]
    }

    /// Sizes the branches and encodes the method. `insts` is the method's instruction array, read
    /// and widened in place (indexing the array would copy an instruction out, with a retain of
    /// everything it holds, at every access); `placedLabels` are the labels placed, each before
    /// instruction `labelInst[label]`.
    private static func encode<Instruction: MachineInstruction>(
        _ c: Compiler, _ insts: UnsafeMutableBufferPointer<Instruction>,
        placedLabels: [Int], labelInst: [Int]) throws -> Encoded {
        let base = c.codeAddress
        let labelCount = c.machine.labelCount
        // Branch sizing: start short, widen until every branch fits. Sizes do not depend on where a
        // label is (only on the short/long choice), so each pass sizes instructions against a dummy
        // target, places the labels, and widens the short branches that cannot reach; widening only
        // grows the code, so the loop ends.
        for i in insts.indices where insts[i].branchTarget != nil { insts[i].isShortBranch = true }
        /// Encodes instruction `i` at `address` into `out` (by index: passing the instruction on would copy it).
        func encode(_ i: Int, at address: UInt64, _ labels: (Int) -> UInt64?, into out: inout [UInt8]) throws {
            do {
                try insts[i].encode(at: address, labels: labels, into: &out)
            } catch {
                throw c.error(.internalError, "cannot encode '\(insts[i].text { "L\($0)" })' in \(c.displayName): \(error)")
            }
        }
        // Sizes do not depend on the address either (rel32 and rip-relative fields are fixed-width), so
        // each instruction is sized once and only a widened branch is sized again; an instruction whose
        // size is not known already is sized by encoding it into `scratch`.
        var scratch: [UInt8] = []
        func size(_ i: Int, at here: UInt64) throws -> Int {
            if let known = insts[i].knownSize { return known }
            scratch.removeAll(keepingCapacity: true)
            try encode(i, at: here, { _ in here }, into: &scratch)
            return scratch.count
        }
        var sizes: [Int] = []
        sizes.reserveCapacity(insts.count)
        var off = 0
        for i in insts.indices {
            let s = try size(i, at: base + UInt64(off))
            sizes.append(s)
            off += s
        }
        var offsets = [Int](repeating: 0, count: insts.count)
        var labelAddr = [UInt64?](repeating: nil, count: labelCount)
        var changed = true
        while changed {
            off = 0
            for i in sizes.indices {
                offsets[i] = off
                off += sizes[i]
            }
            for l in placedLabels {
                let idx = labelInst[l]
                labelAddr[l] = base + UInt64(idx < offsets.count ? offsets[idx] : off)
            }
            changed = false
            for i in insts.indices {
                guard let t = insts[i].branchTarget, insts[i].isShortBranch, let to = labelAddr[t] else { continue }
                if !insts[i].fitsShort(from: base + UInt64(offsets[i]), to: to) {
                    insts[i].isShortBranch = false
                    sizes[i] = try size(i, at: base + UInt64(offsets[i]))
                    changed = true
                }
            }
        }
        // The code: every instruction encoded into one buffer, at its final address.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(off)
        // Each instruction's PerfScore cost, taken in the same pass.
        var costs: [Double] = []
        costs.reserveCapacity(insts.count)
        for i in insts.indices {
            costs.append(ListingPrinter.cost(insts[i].costs))
            let start = bytes.count
            try encode(i, at: base + UInt64(offsets[i]), { labelAddr[$0] }, into: &bytes)
            sizes[i] = bytes.count - start
        }
        return Encoded(offsets: offsets, sizes: sizes, costs: costs, bytes: bytes, labelAddr: labelAddr)
    }
}

extension Emitter {
    /// `RWD00`, `RWD08`: the listing's name of the read-only data at `offset` (no `String(format:)`:
    /// codegen names a jump table's data on every switch it compiles).
    static func dataLabel(_ offset: Int) -> String { (offset < 10 ? "RWD0" : "RWD") + String(offset) }
}

/// The method id of listing labels: `~djb2xor(name) & 0xFFFF` (DESIGN §3).
enum MethodHash {
    static func id(of name: String) -> Int {
        var h: UInt32 = 5381
        for byte in name.utf8 { h = ((h << 5) &+ h) ^ UInt32(byte) }
        return Int(~h & 0xFFFF)
    }
}
