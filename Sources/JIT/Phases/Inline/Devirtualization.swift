/// Devirtualization (RyuJIT's impDevirtualizeCall): a virtual call whose target is known becomes direct.
///
/// The importer already calls `final` methods directly. Here the inliner knows more:
/// the class of `this` is *exact* when every store to the local it reads is an
/// allocation of one class (`newobj` of a class, before or after the constructor
/// is inlined), and it cannot be anything else when the declared class is sealed.
/// Either way the runtime tells which method implements the slot for that class
/// (`resolveVirtualMethod`), and the call goes to it directly; a direct call can
/// then be inlined like any other.
///
/// A virtual call faults on a null `this` when it loads the method table; a direct
/// call would not. So unless `this` is known not to be null (a fresh allocation,
/// the `this` of an instance method), the devirtualized call keeps that behavior
/// with a NULLCHECK evaluated just before its `this` (as a COMMA).
enum Devirtualizer {
    /// What is known about the class of a `this` value.
    struct KnownClass {
        var handle: ClassHandle
        /// `exact class` or `sealed class`, for the dump.
        var reason: String
        var isNonNull: Bool
    }

    /// Rewrites `call` into a direct call when its target is known; returns the dump note, or nil.
    static func devirtualize(_ call: Node, _ c: Compiler) -> String? {
        guard let target = call.callTarget, case .vtable = target.dispatch, let base = target.methodHandle,
              let this = call.operands.first, let known = knownClass(of: this, c),
              let impl = c.runtime.resolveVirtualMethod(base, on: known.handle) else { return nil }
        let info = c.runtime.methodInfo(impl)
        guard !info.attribs.contains(.isAbstract) else { return nil }
        call.callTarget = directTarget(impl, like: target, c)
        if !known.isNonNull {
            let check = c.node(.nullCheck, .void, [c.localRead(this.lclNum)], flags: .mayThrow)
            check.ilOffset = call.ilOffset
            let comma = c.node(.comma, this.type, [check, this])
            comma.ilOffset = call.ilOffset
            call.operands[0] = comma
        }
        // A boxed value type: its own method takes the address of the value, just past the method
        // table pointer (what the slot's unboxing stub would have passed). A method it inherits
        // (Object.ToString on an enum) takes the object itself.
        if c.runtime.classInfo(known.handle).kind == .valueType, c.runtime.classInfo(info.owner).kind == .valueType {
            let unboxed = c.node(.add, .byref, [call.operands[0], c.node(.cnsInt, .long)])
            unboxed.operands[1].value = 8
            unboxed.ilOffset = call.ilOffset
            call.operands[0] = unboxed
        }
        return "Devirtualized [\(HIRDump.id(call))] \(target.displayName) -> \(info.displayName) (\(known.reason))"
    }

    /// A direct call target for method `impl`, keeping the IL reference of the original call.
    static func directTarget(_ impl: MethodHandle, like target: CallTarget, _ c: Compiler) -> CallTarget {
        let info = c.runtime.methodInfo(impl)
        var t = CallTarget(method: target.method, definitionIndex: nil, displayName: info.displayName,
                           cellAddress: info.cellAddress, helperID: nil)
        t.methodHandle = impl
        t.entryAddress = c.runtime.codeAddress(of: impl)
        t.dispatch = .cell
        t.listingNote = info.callListingNote
        t.isExplicitTailCall = target.isExplicitTailCall
        t.tailCallBlocker = target.tailCallBlocker
        c.runtime.reportReference(impl)
        return t
    }

    /// The class `this` certainly has: exact from allocations, or sealed from the local's declared class.
    static func knownClass(of this: Node, _ c: Compiler) -> KnownClass? {
        guard this.oper == .lclVar, this.lclNum >= 0, this.lclNum < c.locals.count else { return nil }
        let local = c.locals[this.lclNum]
        if let exact = allocatedClass(of: this.lclNum, c) {
            return KnownClass(handle: exact, reason: "exact class", isNonNull: true)
        }
        let isThisOfMethod = this.lclNum == 0 && !c.method.isStatic && local.type == .ref
        if let h = local.classHandle, local.type == .ref, c.runtime.classInfo(h).isSealed {
            return KnownClass(handle: h, reason: "sealed class", isNonNull: isThisOfMethod)
        }
        return nil
    }

    /// The class every store to local `num` allocates (`CORINFO_HELP_NEWSFAST` of one class), if any.
    private static func allocatedClass(of num: Int, _ c: Compiler) -> ClassHandle? {
        if c.locals[num].isParam { return nil }
        var found: ClassHandle?
        var other = false
        for b in c.blocks {
            for s in b.statements {
                s.root.forEachPostOrder { n in
                    guard n.oper != .lclVar, n.lclNum == num else { return }
                    guard n.oper == .storeLclVar, let value = n.operands.first, value.oper == .call,
                          value.callTarget?.displayName == JitHelper.newSFast.rawValue,
                          let cls = value.operands.first?.classHandle, found == nil || found == cls else {
                        other = true
                        return
                    }
                    found = cls
                }
            }
        }
        return other ? nil : found
    }
}
