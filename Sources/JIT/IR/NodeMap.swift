/// Values keyed by node id, stored densely: ids come from the method's counter (`Compiler.node`),
/// so an array indexed by id replaces a hashed dictionary in the passes that look nodes up per
/// operand (LSRA's positions, users and intervals).
struct NodeMap<Value> {
    private var values: [Value?]

    /// An empty map sized for every node `c` has made so far (it grows if later ids are set).
    init(_ c: Compiler) { values = [Value?](repeating: nil, count: c.ids.node) }

    subscript(id: Int) -> Value? {
        get { id < values.count ? values[id] : nil }
        set {
            if id >= values.count { values += repeatElement(nil, count: id + 1 - values.count) }
            values[id] = newValue
        }
    }
}

/// A set of node ids stored densely, a flag per id (the inliner's calls already considered):
/// like `NodeMap`, it replaces a hashed `Set<Int>` for ids from the method's counter.
struct NodeSet {
    private var members: [Bool]

    /// An empty set sized for every node `c` has made so far (it grows if later ids are inserted).
    init(_ c: Compiler) { members = [Bool](repeating: false, count: c.ids.node) }

    func contains(_ id: Int) -> Bool { id < members.count && members[id] }

    mutating func insert(_ id: Int) {
        if id >= members.count { members += repeatElement(false, count: id + 1 - members.count) }
        members[id] = true
    }
}
