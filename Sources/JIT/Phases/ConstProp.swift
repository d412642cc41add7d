import Diagnostics

/// Constant propagation (knob JitDoConstProp): constants stored to locals flow into their uses.
///
/// A forward dataflow problem over a per-local lattice: unknown (no information
/// yet), a constant k, or not constant. Uses of a local that is a constant on
/// every path become CNS_INT and the statement is folded again with `Morph.fold`.
///
/// Two refinements let it see through inlined struct code (seed 000's `ValueTask<int>`):
/// - struct locals are followed field by field (`StructFacts`): a load from a field a
///   constant was stored to becomes that constant;
/// - it is *conditional* (after Wegman and Zadeck's SCCP): a JTRUE whose condition is a
///   constant under the facts flowing into its block passes them on only along the edge it
///   takes, so a store on a path that cannot run does not spoil a join. The branch itself
///   becomes `JTRUE(CNS_INT)`, which dead-code elimination folds.
enum ConstProp {
    enum Value: Equatable {
        case unknown
        case constant(Int64)
        case notConstant

        func meet(_ other: Value) -> Value {
            switch (self, other) {
            case (.unknown, let x), (let x, .unknown): x
            case (.constant(let a), .constant(let b)) where a == b: self
            default: .notConstant
            }
        }
    }

    /// The facts at one point: scalar locals, and the memory of the tracked struct locals.
    struct State: Equatable {
        var locals: [Value]
        var structs: [Int: StructFacts]

        /// Meets `other` into this state: the facts true on both paths. Only the values that change
        /// are written, so a join that learns nothing new keeps sharing the incoming state's storage.
        mutating func formMeet(_ other: State) {
            if locals.count == other.locals.count {
                for i in locals.indices {
                    let m = locals[i].meet(other.locals[i])
                    if m != locals[i] { locals[i] = m }
                }
            } else {
                locals = zip(locals, other.locals).map { $0.meet($1) }
            }
            // The struct facts of locals this state does not track are dropped.
            for (k, v) in structs {
                let m = v.meet(other.structs[k] ?? .unknown)
                if m != v { structs[k] = m }
            }
        }
    }

    /// What the walk over a method knows besides the state: exposed and tracked locals.
    struct Context {
        var exposed = LocalSet()
        var tracked = LocalSet()
        /// Sizes of the tracked struct locals.
        var sizes: [Int: Int] = [:]
    }

    static func run(_ c: Compiler) throws {
        var k = Context()
        k.exposed = LocalSet(c.locals.filter { $0.addressExposed }.map { $0.num })
        k.tracked = StructAccess.trackedLocals(c)
        // Most methods have no read that could become a constant (ConstPropScreen.swift).
        if substitutesNothing(c, exposed: k.exposed, tracked: k.tracked) { return }
        for v in k.tracked { k.sizes[v] = c.locals[v].structSize }
        let ctx = k
        let entry = entryState(c, ctx)
        // Whether the block's rewrite walk can substitute a constant, by layout index: the solver's
        // last walk over a block starts from the in-state it returns, and the rewrite walk is the
        // same walk up to its first substitution, so a block where that walk found no read of a
        // constant is left as it is. (True for a block the solver did not walk.)
        let layout = c.layoutIndexTable
        var getsConstants = [Bool](repeating: true, count: c.blocks.count)
        var probe: Rewrite? = Rewrite(c: c, substitutes: false)
        var inStates = ForwardDataflow.solveConditional(c, entry: entry, meet: { $0.formMeet($1) }, transfer: { block, s in
            var condition: Value = .notConstant
            probe!.changed = false
            for stmt in block.statements {
                if stmt.root.oper == .jtrue, let test = stmt.root.operands.first {
                    condition = evaluate(test, &s, ctx, &probe)
                } else {
                    _ = evaluate(stmt.root, &s, ctx, &probe)
                }
            }
            getsConstants[layout[block.id]] = probe!.changed
            return taken(block, condition, c)
        })
        var rewrite: Rewrite? = Rewrite(c: c, substitutes: true)
        for (i, block) in c.blocks.enumerated() {
            guard getsConstants[i], var state = inStates[i] else { continue }
            // The block's walk is the last reader of its in-state: dropping the table's copy lets
            // the walk update the state's storage in place when nothing else shares it.
            inStates[i] = nil
            for stmt in block.statements {
                // One walk both rewrites the reads of constants and steps the state over the tree;
                // a tree that got no constant is unchanged, and the walk's state is the one after it.
                // The walk logs the scalar values it overwrites, so that a tree that got a constant
                // can put the state back as it was before the tree (struct facts change rarely: the
                // dictionary is kept whole, shared until the walk writes it).
                let structsBefore = state.structs
                rewrite!.changed = false
                rewrite!.overwritten.removeAll(keepingCapacity: true)
                _ = evaluate(stmt.root, &state, ctx, &rewrite)
                guard rewrite!.changed else { continue }
                for (v, old) in rewrite!.overwritten.reversed() { state.locals[v] = old }
                state.structs = structsBefore
                // Morph folded every statement already: only one that got a constant can fold further.
                // Folding may drop handle constants: their comments are collected before the first fold.
                _ = rewrite!.handles.comments(c)
                stmt.root = Morph.fold(stmt.root, c)
                // Folding may find more constants than the walk did: the state steps over the folded tree.
                _ = evaluate(stmt.root, &state, ctx)
            }
        }
    }

    /// What `evaluate` needs to rewrite the reads of locals that are constant in its state (nil
    /// while solving: it only computes states). A propagated handle (a `ref` constant such as a
    /// frozen string) keeps its comment.
    struct Rewrite {
        let c: Compiler
        /// False for a probe: its walk only notes in `changed` that it reached a read of a constant,
        /// and changes neither the tree nor what the walk computes (the solver's walks).
        let substitutes: Bool
        var handles = Handles()
        /// Whether a node was replaced by its constant since the flag was last cleared.
        var changed = false
        /// The scalar locals' values the walk overwrote, in order (local number, value before):
        /// undone in reverse, they give back the state before the walk. (Not kept by a probe.)
        var overwritten: [(local: Int, value: Value)] = []

        init(c: Compiler, substitutes: Bool) {
            self.c = c
            self.substitutes = substitutes
        }

        /// Turns the read `n` into the constant `value` (a probe leaves it).
        mutating func bash(_ n: Node, _ value: Int64) {
            changed = true
            guard substitutes else { return }
            // A float32/float64 read is known only as all-zero bits (a `.locals init` or zeroed
            // struct): +0.0, a CNS_DBL. Other bit patterns are left alone.
            if n.type.isFloating {
                guard value == 0 else { return }
                n.oper = .cnsDbl
                n.value = 0
                n.lclNum = -1
                n.operands = []
                n.flags.remove(.mayThrow)
                return
            }
            n.oper = .cnsInt
            n.value = n.type == .int ? Int64(Int32(truncatingIfNeeded: value)) : value
            if n.type == .ref { n.handleComment = handles.comments(c)[value] }
            n.lclNum = -1
            n.operands = []
            n.flags.remove(.mayThrow)
        }
    }

    /// The comment of every handle constant in the method, by value, collected when first asked for:
    /// most methods get no constant substituted and need none. The trees must not have been folded
    /// since the phase started (substitution only adds constants with the comments collected here).
    struct Handles {
        private var collected: [Int64: String]?

        /// The comments, collected from `c`'s trees on the first call.
        mutating func comments(_ c: Compiler) -> [Int64: String] {
            if let collected { return collected }
            let out = handleComments(c)
            collected = out
            return out
        }
    }

    /// The only successor a block passes its facts to (nil: all of them): the taken one of a JTRUE on a constant.
    private static func taken(_ b: BasicBlock, _ condition: Value, _ c: Compiler) -> BasicBlock? {
        guard b.kind == .cond, b.statements.last?.root.oper == .jtrue, case .constant(let k) = condition else { return nil }
        return k != 0 ? b.target : (b.falseTarget ?? c.next(after: b))
    }

    /// Arguments are unknown to the method; IL locals start as zero when `.locals init` says so.
    private static func entryState(_ c: Compiler, _ k: Context) -> State {
        let locals = c.locals.map { v -> Value in
            switch v.kind {
            case .arg: .notConstant
            case .local: c.method.initLocals ? .constant(0) : .notConstant
            case .temp: .unknown
            }
        }
        var structs: [Int: StructFacts] = [:]
        for v in k.tracked {
            if case .local = c.locals[v].kind { structs[v] = c.method.initLocals ? .zeroed : .forgotten } else { structs[v] = .unknown }
        }
        return State(locals: locals, structs: structs)
    }

    /// Applies the stores of a tree to `state`.
    static func transfer(_ root: Node, _ state: inout State, _ k: Context) {
        _ = evaluate(root, &state, k)
    }

    /// Abstractly evaluates a tree in execution order, recording stores; returns its value.
    private static func evaluate(_ n: Node, _ state: inout State, _ k: Context) -> Value {
        var none: Rewrite?
        return evaluate(n, &state, k, &none)
    }

    /// `evaluate`, which with a `rewrite` also replaces each read of a local (or of a tracked struct
    /// field) that is constant in the state where it runs by that constant.
    private static func evaluate(_ n: Node, _ state: inout State, _ k: Context, _ rewrite: inout Rewrite?) -> Value {
        // The operands' values, kept without an array per node: the first two, the last, and
        // whether any is unknown or not a constant.
        var count = 0
        var first = Value.notConstant, second = Value.notConstant, last = Value.notConstant
        var firstConstant: Int64 = 0, secondConstant: Int64 = 0
        var anyNotConstant = false, anyUnknown = false
        // Indexed, not iterated: iterating would retain and release the array at every node.
        // (A rewrite changes the operand's own fields, never this node's operand list.)
        for i in n.operands.indices {
            let v = n.withOperand(i) { evaluate($0, &state, k, &rewrite) }
            switch v {
            case .notConstant: anyNotConstant = true
            case .unknown: anyUnknown = true
            case .constant(let x):
                if count == 0 { firstConstant = x } else if count == 1 { secondConstant = x }
            }
            if count == 0 { first = v } else if count == 1 { second = v }
            last = v
            count += 1
        }
        switch n.oper {
        case .cnsInt:
            return .constant(n.value)
        case .lclVar:
            if k.exposed.contains(n.lclNum) { return .notConstant }
            let v = n.lclNum < state.locals.count ? state.locals[n.lclNum] : .notConstant
            guard rewrite != nil, case .constant(let x) = v else { return v }
            return substituted(n, x, &state, k, &rewrite)
        case .ind:
            guard let (v, offset) = trackedAddress(n, k) else { return .notConstant }
            if rewrite != nil, n.type != .struct, case .constant(let x) = state.structs[v]?.read(offset, n.memType) ?? .notConstant {
                return substituted(n, x, &state, k, &rewrite)
            }
            return n.memType != .struct ? state.structs[v]?.read(offset, n.memType) ?? .notConstant : .notConstant
        case .storeInd:
            if let (v, offset) = trackedAddress(n, k) {
                if n.memType == .struct { state.structs[v] = .forgotten } else {
                    state.structs[v, default: .unknown].write(offset, n.memType, second)
                }
            }
            return .notConstant
        case .storeBlk:
            blockStore(n, &state, k)
            return .notConstant
        case .lclAddr, .nullCheck, .boundsCheck, .callResult2:
            return .notConstant
        case .storeLclVar:
            if k.tracked.contains(n.lclNum) {
                state.structs[n.lclNum] = .forgotten
            } else if n.lclNum < state.locals.count {
                if rewrite?.substitutes == true { rewrite!.overwritten.append((n.lclNum, state.locals[n.lclNum])) }
                state.locals[n.lclNum] = k.exposed.contains(n.lclNum) ? .notConstant : first
            }
            return .notConstant
        case .call:
            // The callee may write the struct locals whose addresses it gets, until it returns.
            for op in n.operands where op.oper == .lclAddr && k.tracked.contains(op.lclNum) {
                state.structs[op.lclNum] = .forgotten
            }
            return .notConstant
        case .comma:
            return last
        default:
            if anyNotConstant { return .notConstant }
            if anyUnknown { return .unknown }
            return Morph.evaluate(n, constantOperands: count, firstConstant, secondConstant).map { .constant($0) } ?? .notConstant
        }
    }

    /// The tracked struct local and offset an IND / STOREIND addresses.
    private static func trackedAddress(_ n: Node, _ k: Context) -> (Int, Int)? {
        guard let a = n.operands.first, let (v, offset) = StructAccess.local(a), k.tracked.contains(v) else { return nil }
        return (v, offset)
    }

    /// STORE_BLK: zeroing, a copy from another struct local, or anything else (forgotten).
    private static func blockStore(_ n: Node, _ state: inout State, _ k: Context) {
        guard n.operands.count == 2 else { return }
        let dst = n.operands[0], src = n.operands[1]
        if src.oper == .lclAddr, k.tracked.contains(src.lclNum), !(dst.oper == .lclAddr && k.tracked.contains(dst.lclNum)) {
            // Reading a tracked local into untracked memory changes nothing we know.
            return
        }
        guard dst.oper == .lclAddr, k.tracked.contains(dst.lclNum) else { return }
        let whole = n.blockSize >= 0 && n.blockSize == sizeOf(dst.lclNum, state, k)
        if whole && src.oper == .cnsInt && src.value == 0 {
            state.structs[dst.lclNum] = .zeroed
        } else if whole && src.oper == .lclAddr && k.tracked.contains(src.lclNum) {
            state.structs[dst.lclNum] = state.structs[src.lclNum] ?? .unknown
        } else {
            state.structs[dst.lclNum] = .forgotten
        }
    }

    private static func sizeOf(_ v: Int, _ state: State, _ k: Context) -> Int { k.sizes[v] ?? -1 }

    /// Replaces the read `n` by the constant `value` and returns the value of what it became, as
    /// the rest of the tree sees it (a CNS_INT of an `int` holds the value truncated to 32 bits).
    /// A probe leaves `n` a read, whose value is then the one a walk without `rewrite` computes.
    private static func substituted(_ n: Node, _ value: Int64, _ state: inout State, _ k: Context,
                                    _ rewrite: inout Rewrite?) -> Value {
        rewrite!.bash(n, value)
        var none: Rewrite?
        return evaluate(n, &state, k, &none)
    }

    /// The comment of every handle constant in the method, by value.
    private static func handleComments(_ c: Compiler) -> [Int64: String] {
        var out: [Int64: String] = [:]
        for b in c.blocks { for s in b.statements { collectHandles(s.root, into: &out) } }
        return out
    }

    private static func collectHandles(_ n: Node, into out: inout [Int64: String]) {
        if n.oper == .cnsInt, let h = n.handleComment { out[n.value] = h }
        for i in n.operands.indices { n.withOperand(i) { collectHandles($0, into: &out) } }
    }
}
