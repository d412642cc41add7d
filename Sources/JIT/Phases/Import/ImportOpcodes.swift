import Diagnostics
import IL

/// The per-opcode part of the importer (RyuJIT impImportBlockCode).
extension BlockImporter {
    /// Imports instruction `currentIndex`.
    ///
    /// The common opcodes (constants, arguments and locals, arithmetic, branches) read the fields
    /// they need in place; only the rest (calls, fields, objects, tokens) take the instruction
    /// whole: copying it retains every reference in it, and was a tenth of importing a method.
    func importInstruction() throws {
        // Prefixes (ECMA-335 III.2), each with its meaning in the model:
        // - `tail.` (a call the verifier saw followed by `ret`) marks the CALL as an explicit tail
        //   call (ImportTailCall.swift); morph makes it a fast tail call (stack arguments into the
        //   incoming area, epilog, `jmp` / `br`) where it can, else keeps call + ret and says why in
        //   its dump (TailCalls.swift). In an inlinee the prefix is ignored.
        // - `constrained.` is read by the call importer; `readonly.` by `ldelema` (no type check).
        // - `volatile.` marks the instruction's loads and stores (NodeFlags.volatile, see load/storeValue).
        // - `unaligned.` needs nothing: the plain loads and stores of x64 and arm64 accept any
        //   alignment on normal memory (the model never uses the exclusive or acquire forms that do not).
        // - `no.` lets the JIT skip a check; doing the check anyway is allowed, and the model does.
        let op = body[currentIndex].opcode
        switch op {
        case .nop:
            if let m = c.handlerMarkers[currentIndex] { try importHandlerMarker(m) }

        // Constants
        case .ldc_i4_m1, .ldc_i4_0, .ldc_i4_1, .ldc_i4_2, .ldc_i4_3, .ldc_i4_4, .ldc_i4_5, .ldc_i4_6,
             .ldc_i4_7, .ldc_i4_8:
            push(constant(Int64(shortConstant(op)), .int))
        case .ldc_i4, .ldc_i4_s:
            push(constant(try intOperand(), .int))
        case .ldc_i8:
            push(constant(try intOperand(), .long))
        case .ldstr:
            push(try stringLiteral())

        // Arguments and locals
        case .ldarg_0, .ldarg_1, .ldarg_2, .ldarg_3:
            push(try load(argument: shortIndex(op, base: .ldarg_0)))
        case .ldarg, .ldarg_s:
            push(try load(argument: try variableOperand()))
        case .ldloc_0, .ldloc_1, .ldloc_2, .ldloc_3:
            push(try load(local: shortIndex(op, base: .ldloc_0)))
        case .ldloc, .ldloc_s:
            push(try load(local: try variableOperand()))
        case .starg, .starg_s:
            let num = try argumentNumber(try variableOperand())
            try storeLocal(try pop(), to: num)
        case .stloc_0, .stloc_1, .stloc_2, .stloc_3:
            let num = try localNumber(shortIndex(op, base: .stloc_0))
            try storeLocal(try pop(), to: num)
        case .stloc, .stloc_s:
            let num = try localNumber(try variableOperand())
            try storeLocal(try pop(), to: num)

        // Stack manipulation
        case .dup:
            var top = try pop()
            if top.type == .struct, let h = top.classHandle ?? (top.oper == .lclVar ? c.locals[top.lclNum].classHandle : nil) {
                top = readTemp(structLocal(top, h))
            }
            if top.oper == .cnsInt || top.oper == .lclVar {
                push(top)
                push(clone(top))
            } else {
                let temp = c.newTemp(top.type, reason: "dup spill")
                let st = c.localStore(temp, top)
                st.ilOffset = currentOffset
                appendWithSideEffects(st)
                push(readTemp(temp))
                push(readTemp(temp))
            }
        case .pop:
            let value = try pop()
            if value.hasSideEffects { appendWithSideEffects(value) }

        // Arithmetic
        case .add, .sub, .mul, .and, .or, .xor, .div, .rem, .div_un, .rem_un:
            let (x, y) = try pop2()
            if x.type.isFloating || y.type.isFloating {
                let (a, b) = balanceFloating(x, y)
                push(op == .rem ? floatRemainder(a, b) : node(binaryOper(op), a.type, [a, b]))
                break
            }
            let (a, b) = balance(x, y)
            let oper = binaryOper(op)
            let flags: NodeFlags = (oper == .div || oper == .mod || oper == .udiv || oper == .umod) ? .mayThrow : []
            push(node(oper, a.type, [a, b], flags: flags))
        case .shl, .shr, .shr_un:
            let ops = try pop(2)
            let oper: Oper = op == .shl ? .lsh : op == .shr ? .rsh : .rsz
            push(node(oper, ops[0].type, ops))
        case .neg, .not:
            let v = try pop()
            push(node(op == .neg ? .neg : .not, v.type, [v]))

        // Comparisons producing 0/1
        case .ceq, .cgt, .cgt_un, .clt, .clt_un:
            let (x, y) = try pop2()
            let (a, b) = x.type.isFloating ? balanceFloating(x, y) : balance(x, y)
            let oper: Oper = op == .ceq ? .eq : (op == .cgt || op == .cgt_un) ? .gt : .lt
            push(node(oper, .int, [a, b], flags: (op == .cgt_un || op == .clt_un) ? .unsigned : []))

        // Conversions
        case .conv_i1, .conv_u1, .conv_i2, .conv_u2, .conv_i4, .conv_u4, .conv_i8, .conv_u8, .conv_i, .conv_u:
            push(try convert(try pop(), op))

        // Branches
        case .br, .br_s:
            try spillStackAtBlockEnd()
        case .leave, .leave_s:
            // `leave` empties the stack (ECMA-335 III.3.46): values with side effects are kept as
            // statements, the rest dropped. Any finally it runs was cloned after it (FinallyCloning).
            let dropped = stack
            stack = []
            for v in dropped where v.hasSideEffects { appendWithSideEffects(v) }
        case .brtrue, .brtrue_s, .brfalse, .brfalse_s:
            let v = try pop()
            let zero = constant(0, v.type)
            let relop = node(op == .brtrue || op == .brtrue_s ? .ne : .eq, .int, [v, zero])
            try endBlock(with: node(.jtrue, .void, [relop]))
        case .beq, .beq_s, .bne_un, .bne_un_s, .bge, .bge_s, .bge_un, .bge_un_s, .bgt, .bgt_s, .bgt_un, .bgt_un_s,
             .ble, .ble_s, .ble_un, .ble_un_s, .blt, .blt_s, .blt_un, .blt_un_s:
            let (x, y) = try pop2()
            let floating = x.type.isFloating
            let (a, b) = floating ? balanceFloating(x, y) : balance(x, y)
            var (oper, unsigned) = branchCompare(op)
            // `bne.un` of floating-point values is the unordered compare: taken when either is NaN.
            if floating && (op == .bne_un || op == .bne_un_s) { unsigned = true }
            let relop = node(oper, .int, [a, b], flags: unsigned ? .unsigned : [])
            try endBlock(with: node(.jtrue, .void, [relop]))
        case .switch_:
            let v = try pop()
            guard v.type == .int else {
                throw Diagnostic(.invalidIL, at: current.location, "'switch' needs an int32 value, got \(v.type)")
            }
            try endBlock(with: node(.switch_, .void, [v]))

        default:
            try importInstruction(current)
        }
    }

    /// Imports the instruction `ins` (at `currentIndex`) of an opcode whose importer takes it whole.
    private func importInstruction(_ ins: Instruction) throws {
        let op = ins.opcode
        switch op {
        // Calls and returns
        case .call, .callvirt, .newobj:
            try importCallInstruction(ins)
        case .ldtoken:
            try importLoadToken(ins)
        case .ret:
            try importReturn(ins)
        case .jmp:
            try importJump(ins)
        case .ldftn where c.methodHandle != nil:
            try importLoadFunction(ins)
        case .ldvirtftn where c.methodHandle != nil:
            try importLoadVirtualFunction(ins)
        case .calli where c.methodHandle != nil:
            try importCalli(ins)

        default:
            if try importFloatingOpcode(ins) { break }
            if c.methodHandle != nil, try importCheckedOpcode(ins) { break }
            if c.methodHandle != nil, try importObjectOpcode(ins) { break }
            if c.methodHandle != nil, try importBlockOpcode(ins) { break }
            if c.methodHandle != nil, try importTypedReferenceOpcode(ins) { break }
            if op == .ldnull {
                push(constant(0, .ref))
                break
            }
            throw Diagnostic(.unsupported, at: ins.location,
                             "opcode '\(op.rawValue)' is not supported by the model JIT yet")
        }
    }

    /// `stloc` / `starg`: a struct local is copied into (STORE_BLK), an implicit-byref parameter written through.
    private func storeLocal(_ value: Node, to num: Int) throws {
        let local = c.locals[num]
        if local.type == .struct {
            appendWithSideEffects(blockCopy(to: localAddress(num), from: structAddress(value), size: local.structSize))
        } else if local.isImplicitByRef {
            appendWithSideEffects(blockCopy(to: readTemp(num), from: structAddress(value),
                                            size: local.classHandle.map { c.runtime.classInfo($0).size } ?? 0))
        } else {
            store(value, to: num)
        }
    }

    // MARK: pieces

    /// Appends the block's terminating statement after storing the rest of the stack into spill temps.
    private func endBlock(with terminator: Node) throws {
        try spillStackAtBlockEnd()
        append(terminator)
    }

    /// `call`, `callvirt` and `newobj`: takes the `MethodRef` out of the operand once and hands it
    /// to the importer that applies (`InitializeArray`, a call without a type system, or the full call path).
    private func importCallInstruction(_ ins: Instruction) throws {
        guard case .method(let ref) = ins.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'\(ins.opcode.rawValue)' needs a method operand")
        }
        if ins.opcode == .call && Self.isInitializeArray(ref) {
            try importInitializeArray(ins)
        } else if ins.opcode == .call && c.methodHandle == nil {
            try importCall(ins, ref)
        } else {
            try importCallOpcode(ins, ref)
        }
    }

    /// `call` of the method `ref` (the operand of `ins`) in a method compiled without a type system.
    private func importCall(_ ins: Instruction, _ ref: MethodRef) throws {
        if ref.hasThis {
            throw Diagnostic(.unsupported, at: ins.location, "calls to instance methods are not supported yet")
        }
        if !ref.genericArgs.isEmpty || ref.genericArity > 0 {
            throw Diagnostic(.unsupported, at: ins.location, "calls to generic methods are not supported yet")
        }
        guard let retType = VarType(ref.returnType) else {
            throw Diagnostic(.unsupported, at: ins.location,
                             "return type '\(ref.returnType)' of '\(ref.name)' is not supported by the model JIT yet")
        }
        var paramTypes: [VarType] = []
        for p in ref.parameters {
            guard let t = VarType(parameter: p), t != .void else {
                throw Diagnostic(.unsupported, at: ins.location,
                                 "parameter type '\(p)' of '\(ref.name)' is not supported by the model JIT yet")
            }
            paramTypes.append(t)
        }
        let args = try pop(paramTypes.count)
        let target = try c.runtime.resolveCall(ref, from: c.method, at: ins.location)
        let operands = zip(args, paramTypes).map { arg, t in t.actualType == arg.type ? arg : coerce(arg, to: t.actualType) }
        let call = node(.call, retType.actualType, operands)
        call.callTarget = target
        if retType == .void {
            appendWithSideEffects(call)
        } else {
            push(call)
        }
    }

    /// `jmp M`: leave this method for M with the same arguments. The model compiles it as a
    /// `tail.` call of M with every incoming argument, then a return of M's result: a fast tail
    /// call replaces the frame, as RyuJIT's GT_JMP does (where it cannot be fast, the call and the
    /// return stay, with the reason in the morph dump).
    private func importJump(_ ins: Instruction) throws {
        guard stack.isEmpty else {
            throw Diagnostic(.invalidIL, at: ins.location, "'jmp' needs an empty stack, the stack has \(stack.count)")
        }
        if c.method.isAsync {
            throw Diagnostic(.invalidIL, at: ins.location, "'jmp' is not allowed in an async method")
        }
        let count = c.method.parameters.count + (c.method.isStatic || c.methodHandle == nil ? 0 : 1)
        for i in 0..<count { push(try load(argument: i)) }
        // `jmp` leaves this frame for the callee (RyuJIT's GT_JMP): a tail call with the same arguments.
        var call = ins
        call.opcode = .call
        call.prefixes.append(.tail)
        guard case .method(let ref) = call.operand else {
            throw Diagnostic(.invalidIL, at: ins.location, "'call' needs a method operand")
        }
        try importCallOpcode(call, ref)
        var ret = ins
        ret.opcode = .ret
        ret.operand = .none
        try importReturn(ret)
    }

    private func importReturn(_ ins: Instruction) throws {
        if c.isAsyncVersion { try importVersionReturn(ins) }
        let retType = ImportLocals.returnType(c)
        var operands: [Node] = []
        if retType == .struct, let h = c.returnType.classHandle {
            let v = try pop()
            let size = c.runtime.classInfo(h).size
            if let rb = c.retBufLocal {
                appendWithSideEffects(blockCopy(to: readTemp(rb), from: structAddress(v), size: size))
                append(node(.ret, .void, []))
            } else {
                let values = structChunks(v, h, size: size, count: ABI.returnRegisters(size: size) ?? 1)
                append(node(.ret, .long, values))
            }
            return
        }
        if retType != .void {
            let v = try pop()
            operands = [coerce(v, to: retType)]
        }
        guard stack.isEmpty else {
            throw Diagnostic(.invalidIL, at: ins.location,
                             "the IL stack must be empty after 'ret', but it has \(stack.count) more value\(stack.count == 1 ? "" : "s")")
        }
        append(node(.ret, retType == .void ? .void : retType.actualType, operands))
    }

    func convert(_ v: Node, _ op: Opcode) throws -> Node {
        if v.type.isFloating { return try floatToInteger(v, op) }
        switch op {
        case .conv_i1, .conv_u1, .conv_i2, .conv_u2:
            let small: VarType = op == .conv_i1 ? .byte : op == .conv_u1 ? .ubyte : op == .conv_i2 ? .short : .ushort
            let cast = node(.cast, .int, [v])
            cast.castType = small
            return cast
        case .conv_i4, .conv_u4:
            if v.type == .int { return v }
            let cast = node(.cast, .int, [v])
            cast.castType = .int
            return cast
        default: // conv.i8, conv.i, conv.u8, conv.u
            if v.type == .long { return v }
            let unsigned = op == .conv_u8 || op == .conv_u
            let cast = node(.cast, .long, [v], flags: unsigned ? .unsigned : [])
            cast.castType = .long
            return cast
        }
    }

    private func binaryOper(_ op: Opcode) -> Oper {
        switch op {
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .and: .and
        case .or: .or
        case .xor: .xor
        case .div: .div
        case .rem: .mod
        case .div_un: .udiv
        default: .umod
        }
    }

    private func branchCompare(_ op: Opcode) -> (Oper, Bool) {
        switch op {
        case .beq, .beq_s: (.eq, false)
        case .bne_un, .bne_un_s: (.ne, false)
        case .bge, .bge_s: (.ge, false)
        case .bge_un, .bge_un_s: (.ge, true)
        case .bgt, .bgt_s: (.gt, false)
        case .bgt_un, .bgt_un_s: (.gt, true)
        case .ble, .ble_s: (.le, false)
        case .ble_un, .ble_un_s: (.le, true)
        case .blt, .blt_s: (.lt, false)
        default: (.lt, true)
        }
    }

    /// `ldstr`: a CNS_INT of type `ref` holding the frozen string's address, commented with the literal.
    private func stringLiteral() throws -> Node {
        guard case .string(let s) = body[currentIndex].operand else {
            throw Diagnostic(.invalidIL, at: current.location, "'ldstr' needs a string operand")
        }
        let address = try c.runtime.stringLiteral(s, at: body[currentIndex].location)
        let n = constant(Int64(bitPattern: address), .ref)
        n.handleComment = StringLiteralText.comment(s)
        return n
    }

    private func clone(_ n: Node) -> Node {
        let copy = node(n.oper, n.type, [], flags: n.flags)
        copy.value = n.value
        copy.handleComment = n.handleComment
        copy.lclNum = n.lclNum
        return copy
    }

    /// The value an `ldc.i4.m1` ... `ldc.i4.8` pushes (consecutive encodings from -1 to 8).
    private func shortConstant(_ op: Opcode) -> Int {
        Int(op.encoding) - Int(Opcode.ldc_i4_0.encoding)
    }

    /// The index an `ldarg.N` / `ldloc.N` / `stloc.N` names: its distance from the `.0` form
    /// (their encodings are consecutive, as the verifier also reads them).
    private func shortIndex(_ op: Opcode, base: Opcode) -> Int {
        Int(op.encoding) - Int(base.encoding)
    }

    private func intOperand() throws -> Int64 {
        guard case .int(let v) = body[currentIndex].operand else {
            throw Diagnostic(.invalidIL, at: current.location, "'\(current.opcode.rawValue)' needs an integer operand")
        }
        return v
    }

    private func variableOperand() throws -> Int {
        guard case .variable(let v) = body[currentIndex].operand else {
            throw Diagnostic(.invalidIL, at: current.location, "'\(current.opcode.rawValue)' needs a local or argument operand")
        }
        return v
    }

    /// The local number of IL argument `i` (`this` is argument 0 of an instance method).
    private func argumentNumber(_ i: Int) throws -> Int {
        let count = c.method.parameters.count + (c.method.isStatic || c.methodHandle == nil ? 0 : 1)
        guard i >= 0 && i < count else {
            throw Diagnostic(.invalidIL, at: current.location,
                             "argument \(i) does not exist (the method has \(count) argument\(count == 1 ? "" : "s"))")
        }
        return c.implicitByRefCopies[i] ?? i
    }

    /// The local number of IL local `i`.
    private func localNumber(_ i: Int) throws -> Int {
        let count = c.method.locals.count
        guard i >= 0 && i < count else {
            throw Diagnostic(.invalidIL, at: current.location,
                             "local \(i) does not exist (the method has \(count) local\(count == 1 ? "" : "s"))")
        }
        return c.method.parameters.count + (c.method.isStatic || c.methodHandle == nil ? 0 : 1) + i
    }

    private func load(argument i: Int) throws -> Node { try read(try argumentNumber(i)) }
    private func load(local i: Int) throws -> Node { try read(try localNumber(i)) }

    private func read(_ num: Int) throws -> Node {
        let n = c.localRead(num)
        n.ilOffset = currentOffset
        let local = c.locals[num]
        if local.isImplicitByRef, let h = local.classHandle {
            return load(JitTypeDesc(.struct, h), from: n)
        }
        if local.type == .struct { n.classHandle = local.classHandle }
        if local.isParam && local.type.isSmall {
            // Small-typed arguments are normalized when read, as RyuJIT does (normalize on load):
            // the caller passes a full register, the callee keeps only the parameter's bits.
            let cast = node(.cast, .int, [n])
            cast.castType = local.type
            return cast
        }
        return n
    }
}
