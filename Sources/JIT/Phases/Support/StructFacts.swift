/// What constant propagation knows about the memory of a struct local, field by field.
///
/// RyuJIT follows struct fields by promoting them to locals of their own and numbering
/// their values; the model keeps the struct in memory and tracks the constants stored at
/// each (offset, type) instead. That is enough to see through the inlined
/// `new ValueTask<int>(42)`, its copies and its `IsCompleted` / `Result` reads:
///
/// ```text
///  STORE_BLK(&V, 0)                      V: all bytes 0
///  STOREIND int [&V+8] <- 42             V: +8 int = 42, other bytes 0
///  STORE_BLK(&W, &V)                     W: what V holds
///  IND ref [&W+0]                        -> CNS_INT ref 0 (null)
/// ```
///
/// A local is *tracked* only when its address is used in those shapes (the address of an
/// IND or STOREIND, possibly plus a constant; either side of a STORE_BLK) or passed to a
/// call that does not return a byref. A byref argument cannot outlive the call (ECMA-335
/// byref rules), so the call may change the local (its facts are forgotten there) but
/// nothing can after it returns. Any other use of the address (stored in a local, compared,
/// returned) leaves the local untracked.
struct StructFacts: Equatable {
    typealias Value = ConstProp.Value

    /// One field the code stored: its type in memory and its value.
    struct Field: Equatable {
        var memType: VarType
        var value: Value
    }

    /// The value of bytes no field covers: 0 after zeroing, unknown before any store, else not constant.
    var base: Value
    /// Fields by offset; they never overlap.
    var fields: [Int: Field] = [:]

    static let unknown = StructFacts(base: .unknown)
    static let forgotten = StructFacts(base: .notConstant)
    static let zeroed = StructFacts(base: .constant(0))

    /// The value a load of `memType` at `offset` reads.
    func read(_ offset: Int, _ memType: VarType) -> Value {
        if let f = fields[offset], f.memType == memType { return f.value }
        let size = Self.size(memType)
        if fields.contains(where: { Self.overlaps($0.key, Self.size($0.value.memType), offset, size) }) { return .notConstant }
        return base
    }

    /// A store of `value` as `memType` at `offset` (a partial overwrite of a field forgets the struct).
    mutating func write(_ offset: Int, _ memType: VarType, _ value: Value) {
        let size = Self.size(memType)
        for (o, f) in fields where Self.overlaps(o, Self.size(f.memType), offset, size) {
            if o != offset || Self.size(f.memType) != size {
                self = .forgotten
                break
            }
        }
        fields[offset] = Field(memType: memType, value: Self.normalized(value, memType))
    }

    /// Facts true on both paths.
    func meet(_ other: StructFacts) -> StructFacts {
        var out = StructFacts(base: base.meet(other.base))
        for offset in Set(fields.keys).union(other.fields.keys).sorted() {
            let mine = fields[offset], theirs = other.fields[offset]
            guard let type = mine?.memType ?? theirs?.memType,
                  mine == nil || theirs == nil || mine?.memType == theirs?.memType else { return .forgotten }
            let a = read(offset, type), b = other.read(offset, type)
            let size = Self.size(type)
            if out.fields.contains(where: { Self.overlaps($0.key, Self.size($0.value.memType), offset, size) }) { return .forgotten }
            out.fields[offset] = Field(memType: type, value: a.meet(b))
        }
        return out
    }

    /// A stored value as the memory holds it (small types truncated and extended as loads read them).
    static func normalized(_ v: Value, _ memType: VarType) -> Value {
        guard case .constant(let k) = v, memType.isSmall || memType == .int || memType == .uint else { return v }
        return .constant(FoldMath.cast(k, to: memType, from: .long, unsigned: false))
    }

    static func size(_ t: VarType) -> Int { max(1, t.size) }

    static func overlaps(_ a: Int, _ aSize: Int, _ b: Int, _ bSize: Int) -> Bool { a < b + bSize && b < a + aSize }
}

/// The shapes in which the code uses struct locals' addresses (StructFacts' tracking rules).
enum StructAccess {
    /// `(local, offset)` when `addr` is `LCL_ADDR V` or `ADD(LCL_ADDR V, CNS k)`.
    static func local(_ addr: Node) -> (local: Int, offset: Int)? {
        if addr.oper == .lclAddr { return (addr.lclNum, 0) }
        if addr.oper == .add, addr.operands.count == 2, addr.operands[0].oper == .lclAddr, addr.operands[1].oper == .cnsInt {
            return (addr.operands[0].lclNum, Int(addr.operands[1].value))
        }
        return nil
    }

    /// The struct locals whose addresses are only used in the tracked shapes.
    static func trackedLocals(_ c: Compiler) -> LocalSet {
        var candidates = LocalSet(c.locals.filter { $0.type == .struct && !$0.isParam }.map { $0.num })
        if let rb = c.retBufLocal { candidates.remove(rb) }
        // Most methods have no struct locals: nothing to check.
        guard !candidates.isEmpty else { return candidates }
        var allowed = Set<ObjectIdentifier>()
        func allow(_ addr: Node) {
            allowed.insert(ObjectIdentifier(addr))
            if addr.oper == .add, let base = addr.operands.first { allowed.insert(ObjectIdentifier(base)) }
        }
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in
                    switch n.oper {
                    case .ind, .storeInd:
                        if let a = n.operands.first, local(a) != nil { allow(a) }
                    case .storeBlk:
                        for a in n.operands where a.oper == .lclAddr { allow(a) }
                    case .call where n.type != .byref:
                        for a in n.operands where a.oper == .lclAddr { allow(a) }
                    default:
                        break
                    }
                }
            }
        }
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in
                    if n.oper == .lclAddr, !allowed.contains(ObjectIdentifier(n)) { candidates.remove(n.lclNum) }
                    if n.oper == .add, n.operands.first?.oper == .lclAddr, !allowed.contains(ObjectIdentifier(n)) {
                        candidates.remove(n.operands[0].lclNum)
                    }
                }
            }
        }
        return candidates
    }
}
