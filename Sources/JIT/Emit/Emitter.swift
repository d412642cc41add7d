import Diagnostics

/// The emitter: sizes branches, forms instruction groups, encodes, and prints the listing.
///
/// The listing is printed from the encoded instructions (offsets and sizes are
/// the real ones), in the format of RyuJIT's JitDisasm (DESIGN §3).
enum Emitter {
    /// One instruction group (`G_M1234_IG02`).
    struct Group {
        var number: Int
        var weight: Double
        var items: [(inst: any MachineInstruction, offset: Int, bytes: [UInt8])] = []
        var offset = 0
    }

    /// Encodes the method; prints its listing only when `listing` (the text is a fifth of a
    /// compilation's time, and code images and throughput runs never read it).
    static func emit(_ c: Compiler, listing wantsListing: Bool = true) throws
        -> (listing: String, code: [UInt8], data: [UInt8], debugInfo: MethodDebugInfo, perfScore: Double) {
        let code = c.machine
        let base = c.codeAddress

        // Labels that start groups: branch targets and jump-table entries.
        var targeted = Set<Int>()
        for item in code.items { if case .instruction(let i) = item, let t = i.branchTarget { targeted.insert(t) } }
        for d in code.data { targeted.formUnion(d.entries); targeted.insert(d.base) }

        // Group structure (independent of sizes).
        var insts: [any MachineInstruction] = []
        var groups: [Group] = [Group(number: 1, weight: 1)]
        var labelGroup: [Int: Int] = [:]  // label -> group index
        var labelInst: [Int: Int] = [:]   // label -> index of the next instruction
        var currentWeight = 1.0
        // Debug info: the prolog runs up to `.prologEnd`, an epilog from `.epilogStart` to the next label.
        var mappings: [ILMapping] = []
        var inProlog = code.items.contains { if case .prologEnd = $0 { true } else { false } }
        var inEpilog = false
        /// Starts a new group, or reuses the current one if it is empty and not the prolog.
        func startGroup(_ w: Double) {
            let cur = groups.count - 1
            if cur > 0 && groups[cur].items.isEmpty {
                groups[cur].weight = w
                return
            }
            groups.append(Group(number: groups.count + 1, weight: w))
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
                if targeted.contains(label) {
                    startGroup(w)
                } else if groups.count > 1 && groups[groups.count - 1].items.isEmpty {
                    groups[groups.count - 1].weight = w
                }
                labelGroup[label] = groups.count - 1
                labelInst[label] = insts.count
            case .label(let label):
                inEpilog = false
                if targeted.contains(label) { startGroup(currentWeight) }
                labelGroup[label] = groups.count - 1
                labelInst[label] = insts.count
            case .instruction(let i):
                let range = insts.count < code.ilRanges.count ? code.ilRanges[insts.count] : nil
                mappings.append(inProlog ? .prolog : inEpilog ? .epilog : range.map { .il($0) } ?? .noMapping)
                insts.append(i)
                groups[groups.count - 1].items.append((i, 0, []))
            }
        }

        // Branch sizing: start short, widen until every branch fits. Sizes do not depend on where a
        // label is (only on the short/long choice), so each pass sizes instructions against a dummy
        // target, places the labels, and widens the short branches that cannot reach; widening only
        // grows the code, so the loop ends.
        for i in insts.indices where insts[i].branchTarget != nil { insts[i].isShortBranch = true }
        func encode(_ inst: any MachineInstruction, at address: UInt64, _ labels: (Int) -> UInt64?) throws -> [UInt8] {
            do {
                return try inst.encode(at: address, labels: labels)
            } catch {
                throw c.error(.internalError, "cannot encode '\(inst.text { "L\($0)" })' in \(c.displayName): \(error)")
            }
        }
        // Sizes do not depend on the address either (rel32 and rip-relative fields are fixed-width), so
        // each instruction is sized once and only a widened branch is sized again.
        var sizes: [Int] = []
        var off = 0
        for inst in insts {
            let here = base + UInt64(off)
            let size = try inst.fixedSize ?? encode(inst, at: here) { _ in here }.count
            sizes.append(size)
            off += size
        }
        var offsets: [Int] = []
        var labelAddr: [Int: UInt64] = [:]
        var changed = true
        while changed {
            offsets = []
            off = 0
            for size in sizes {
                offsets.append(off)
                off += size
            }
            labelAddr = [:]
            for (l, idx) in labelInst { labelAddr[l] = base + UInt64(idx < offsets.count ? offsets[idx] : off) }
            changed = false
            for i in insts.indices {
                guard let t = insts[i].branchTarget, insts[i].isShortBranch, let to = labelAddr[t] else { continue }
                if !insts[i].fitsShort(from: base + UInt64(offsets[i]), to: to) {
                    insts[i].isShortBranch = false
                    let here = base + UInt64(offsets[i])
                    sizes[i] = try encode(insts[i], at: here) { _ in here }.count
                    changed = true
                }
            }
        }
        var bytes: [[UInt8]] = []
        for (i, inst) in insts.enumerated() {
            bytes.append(try encode(inst, at: base + UInt64(offsets[i])) { labelAddr[$0] })
        }
        let totalSize = (offsets.last ?? 0) + (bytes.last?.count ?? 0)

        // Group offsets and labels.
        var idx = 0
        for g in groups.indices {
            groups[g].offset = idx < offsets.count ? offsets[idx] : totalSize
            for j in groups[g].items.indices {
                groups[g].items[j] = (insts[idx], offsets[idx], bytes[idx])
                idx += 1
            }
        }
        // The display name is only needed for label text (listings, jump tables).
        lazy var methodID = MethodHash.id(of: c.displayName)
        func groupName(_ g: Int) -> String { String(format: "G_M%03d_IG%02d", methodID, groups[g].number) }
        let labelName: (Int) -> String = { l in labelGroup[l].map(groupName) ?? "L\(l)" }

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
            ? ListingPrinter.print(c, groups: groups, groupName: groupName, labelName: labelName,
                                   totalSize: totalSize, dataLines: dataLines)
            : ("", [Int](repeating: -1, count: insts.count))
        let debug = MethodDebugInfo(
            instructions: insts.indices.map {
                InstructionDebugInfo(codeOffset: offsets[$0], size: bytes[$0].count, listingLine: lines[$0], mapping: mappings[$0])
            },
            ilInstructions: DebugInfoBuilder.ilSites(c.method))
        return (listing, bytes.flatMap { $0 }, data, debug, ListingPrinter.perfScore(groups))
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
