import Diagnostics

/// What the body parser accumulates while reading one method body.
final class BodyBuilder {
    let method: MethodDef
    var instructions: [Instruction] = []
    /// Label name -> index of the instruction it marks. A label marks the next instruction
    /// parsed, whose index is the instruction count when the label is written.
    var labels: LabelTable
    /// The first label written since the last instruction: the next instruction's `label`.
    var pendingLabel: String?
    /// Branch operands to resolve at the end: instruction index, label names and their locations.
    var labelUses: [(index: Int, names: [(String, SourceLocation)], isSwitch: Bool)] = []
    var offset = 0
    var prefixes: [Opcode] = []
    var prefixStart: Int?
    var prefixLocation: SourceLocation?
    var constrained: TypeSig?
    /// Label-range clauses (`.try L1 to L2 ... handler L3 to L4`), resolved once every label is known.
    var rangeClauses: [(kind: ExceptionClause.Kind, labels: [(String, SourceLocation)])] = []

    /// `labels` is an empty table to fill (a previous body's, keeping its capacity);
    /// `expectedInstructions` is a guess at the body's instruction count.
    init(method: MethodDef, labels: LabelTable, expectedInstructions: Int) {
        self.method = method
        self.labels = labels
        // Growing the array from empty by doubling allocated and copied it six or seven times
        // for a body of 100 instructions, a tenth of a parse.
        instructions.reserveCapacity(expectedInstructions)
    }

    /// Records the label `name` as marking the next instruction; false if it is already defined.
    func define(label name: String) -> Bool {
        labels.define(name, at: instructions.count)
    }

    /// Where instruction `i` ends: its offset plus its size with prefixes.
    func end(of i: Int) -> Int { Instruction.end(of: i, in: instructions) }
}

/// Method bodies: directives, labels, instructions and their operands, `.try` blocks.
extension ParserState {
    func parseMethodBody(_ method: MethodDef, opened: SourceLocation) throws {
        skip() // {
        // The methods of a module tend to be alike in size: the last body's count is the guess.
        let body = BodyBuilder(method: method, labels: spareLabels,
                               expectedInstructions: min(max(lastBodyInstructionCount, 16), 4096))
        spareLabels = LabelTable()
        parseBlock(body)
        if !acceptPunct("}") {
            missingBrace(for: "method '\(method.name)'", opened: opened)
        }
        finishBody(body)
        lastBodyInstructionCount = body.instructions.count
        // The next body reuses the table: growing one from empty rehashed every label per method.
        body.labels.removeAll()
        swap(&spareLabels, &body.labels)
    }

    /// Reads body items up to (not including) the closing `}` of the current block.
    private func parseBlock(_ body: BodyBuilder) {
        while !atEnd && !currentIsPunct("}") {
            let start = pos
            do {
                try parseBodyItem(body)
            } catch {
                let first = tokens.token(at: start)
                if pos == start { skip() }
                skipRestOfLine(of: first)
            }
        }
    }

    private func parseBodyItem(_ body: BodyBuilder) throws {
        // Every label and instruction passes here: the current token is read in place, not copied.
        switch currentKind {
        case .directive:
            try parseBodyDirective(body)
        case .identifier where nextIsPunct(":"):
            let label = current.text
            let at = pos
            pos += 2
            if body.define(label: label) {
                if body.pendingLabel == nil { body.pendingLabel = label }
            } else {
                error(at: location(of: tokens.token(at: at)), "duplicate label '\(label)'")
            }
        case .identifier:
            try parseInstruction(body)
        case .punct where currentIsPunct("{"):
            let opened = currentLocation
            pos += 1
            parseBlock(body)
            if !acceptPunct("}") { missingBrace(for: "scope block", opened: opened) }
        default:
            throw fail("an instruction, label or directive")
        }
    }

    private func parseBodyDirective(_ body: BodyBuilder) throws {
        let t = current
        let method = body.method
        switch t.text {
        case ".maxstack":
            skip()
            method.maxStack = Int(clamping: try expectInteger())
        case ".locals":
            skip()
            if acceptWord("init") { method.initLocals = true }
            try parseLocals(method)
        case ".entrypoint":
            skip()
            method.isEntryPoint = true
        case ".override":
            skip()
            if acceptWord("method") {
                method.overrides.append(try parseMethodRef())
            } else {
                let owner = try parseType()
                try expectPunct("::")
                let name = try expectName("a method name")
                method.overrides.append(MethodRef(hasThis: !method.isStatic, returnType: method.returnType, owner: owner,
                                                  name: name, parameters: method.parameters.map(\.type)))
            }
        case ".custom":
            try skipCustomAttribute()
        case ".param":
            skip()
            if acceptWord("type") || acceptWord("constraint") {
                skipRestOfLine(of: t)
                return
            }
            try expectPunct("[")
            _ = try expectInteger()
            try expectPunct("]")
            if acceptPunct("=") {
                if current.kind == .string { skip() } else {
                    skip()
                    if current.isPunct("(") { skipBalanced() }
                }
            }
        case ".zeroinit":
            // ilasm's older spelling of `.locals init`: the method's locals start zeroed.
            skip()
            method.initLocals = true
        case ".line", ".language", ".export", ".vtentry":
            skip()
            skipRestOfLine(of: t)
        case ".try":
            try parseTry(body)
        default:
            throw unsupportedOrUnknown(t)
        }
    }

    /// `( [n] TYPE [name], ... )`; appends to the method's locals.
    private func parseLocals(_ method: MethodDef) throws {
        try expectPunct("(")
        if acceptPunct(")") { return }
        repeat {
            if current.isPunct("[") {
                skip()
                _ = try expectInteger("a local slot number")
                try expectPunct("]")
            }
            let type = try parseType()
            var name: String?
            if isNameToken { name = advance().text }
            method.locals.append(Local(type: type, name: name))
        } while acceptPunct(",")
        try expectPunct(")")
    }

    // MARK: Exception blocks

    private func parseTry(_ body: BodyBuilder) throws {
        skip() // .try
        guard current.isPunct("{") else {
            try parseRangeTry(body)
            return
        }
        let tryStart = body.instructions.count
        try parseBraced(body, what: "'.try' block")
        let tryEnd = body.instructions.count
        var handlers = 0
        while true {
            if acceptWord("filter") {
                let filterStart = body.instructions.count
                try parseBraced(body, what: "filter block")
                let handlerStart = body.instructions.count
                try parseBraced(body, what: "handler")
                body.method.exceptionClauses.append(ExceptionClause(kind: .filter(filterStart), tryStart: tryStart, tryEnd: tryEnd,
                                                                    handlerStart: handlerStart,
                                                                    handlerEnd: body.instructions.count))
                handlers += 1
                continue
            }
            guard let kind = try parseHandlerKind() else { break }
            let handlerStart = body.instructions.count
            try parseBraced(body, what: "handler")
            body.method.exceptionClauses.append(ExceptionClause(kind: kind, tryStart: tryStart, tryEnd: tryEnd,
                                                                handlerStart: handlerStart,
                                                                handlerEnd: body.instructions.count))
            handlers += 1
        }
        if handlers == 0 { throw fail("'catch', 'filter', 'finally' or 'fault' after '.try' block") }
    }

    /// `catch TYPE`, `finally` or `fault` (nil when none follows).
    private func parseHandlerKind() throws -> ExceptionClause.Kind? {
        if acceptWord("catch") { return .catch(try parseType()) }
        if acceptWord("finally") { return .finally }
        if acceptWord("fault") { return .fault }
        return nil
    }

    /// The label-range form ilasm and monodis print: `.try L1 to L2 catch T handler L3 to L4`
    /// (or `finally handler L3 to L4`, `fault handler ...`, `filter LF handler L3 to L4`); the
    /// labels resolve in `finishBody`.
    private func parseRangeTry(_ body: BodyBuilder) throws {
        let tryLabels = try parseLabelRange()
        if acceptWord("filter") {
            let at = currentLocation
            let filter = try expectName("a filter label")
            guard acceptWord("handler") else { throw fail("'handler' and a label range") }
            let handlerLabels = try parseLabelRange()
            body.rangeClauses.append((.filter(-1), tryLabels + [(filter, at)] + handlerLabels))
            return
        }
        guard let kind = try parseHandlerKind() else {
            throw fail("'catch', 'filter', 'finally' or 'fault' after '.try' range")
        }
        guard acceptWord("handler") else { throw fail("'handler' and a label range") }
        let handlerLabels = try parseLabelRange()
        body.rangeClauses.append((kind, tryLabels + handlerLabels))
    }

    /// `L1 to L2`: two label names with their locations.
    private func parseLabelRange() throws -> [(String, SourceLocation)] {
        let fromAt = currentLocation
        let from = try expectName("a label")
        guard acceptWord("to") else { throw fail("'to'") }
        let toAt = currentLocation
        let to = try expectName("a label")
        return [(from, fromAt), (to, toAt)]
    }

    private func parseBraced(_ body: BodyBuilder, what: String) throws {
        let open = current
        try expectPunct("{")
        parseBlock(body)
        if !acceptPunct("}") { missingBrace(for: what, opened: location(of: open)) }
    }

    // MARK: Instructions

    private func parseInstruction(_ body: BodyBuilder) throws {
        let location = currentLocation
        let named = Opcode.named(current.text)
        pos += 1
        guard let op = named else {
            error(at: location, "unknown opcode '\(previous().text)'")
            throw Abandon()
        }
        if op.isPrefix {
            if body.prefixStart == nil {
                body.prefixStart = body.offset
                body.prefixLocation = location
            }
            switch op {
            case .unaligned, .no: _ = try parseSmallInt(op, signed: false)
            case .constrained: body.constrained = try parseType()
            default: break
            }
            body.prefixes.append(op)
            body.offset += op.encodedSize
            return
        }
        let operand = try parseOperand(op, body: body)
        let size = Instruction.size(of: op, operand: operand)
        // The builder's pending parts are moved into the instruction (`take()`, `consume`), and
        // the instruction into the array (built by the memberwise initializer, which the compiler
        // moves; the public one's result was copied): copying retained each part and then released it.
        let offset = body.prefixStart ?? body.offset
        var prefixes: [Opcode] = []
        swap(&prefixes, &body.prefixes)
        body.instructions.append(Instruction(offset: offset, operand: consume operand, opcode: op, prefixes: consume prefixes,
                                             constrainedType: body.constrained.take(), label: body.pendingLabel.take(),
                                             location: consume location))
        body.offset += size
        body.prefixStart = nil
        body.prefixLocation = nil
    }

    private func parseOperand(_ op: Opcode, body: BodyBuilder) throws -> Operand {
        switch op.operandKind {
        case .none:
            return .none
        case .int8:
            return .int(try parseSmallInt(op, signed: true))
        case .uint8:
            return .int(try parseSmallInt(op, signed: false))
        case .int32:
            let at = currentLocation
            let v = try expectInteger()
            guard v >= Int64(Int32.min) && v <= Int64(UInt32.max) else {
                error(at: at, "operand \(v) is out of range for '\(op.rawValue)'")
                throw Abandon()
            }
            return .int(Int64(Int32(truncatingIfNeeded: v)))
        case .int64:
            return .int(try expectInteger())
        case .float32, .float64:
            return .float(try parseFloat(op))
        case .shortBranch, .branch:
            let at = currentLocation
            if current.kind == .integer {
                // A numeric target is a displacement from the next instruction, as ilasm reads it
                // (`br 0` falls through); finishBody turns it into the instruction at that offset.
                let displacement = try expectInteger()
                body.labelUses.append((body.instructions.count, [("#\(displacement)", at)], false))
                return .target(-1)
            }
            let name = try expectName("a label")
            body.labelUses.append((body.instructions.count, [(name, at)], false))
            return .target(-1)
        case .switchTable:
            try expectPunct("(")
            var names: [(String, SourceLocation)] = []
            if !current.isPunct(")") {
                repeat {
                    let at = currentLocation
                    names.append((try expectName("a label"), at))
                } while acceptPunct(",")
            }
            try expectPunct(")")
            body.labelUses.append((body.instructions.count, names, true))
            return .targets(Array(repeating: -1, count: names.count))
        case .shortVar, .variable:
            return .variable(try parseVariable(op, body: body))
        case .method:
            return .method(try parseMethodRef())
        case .field:
            return .field(try parseFieldRef())
        case .type:
            return .type(try parseType())
        case .string:
            return .string(try parseStringOperand())
        case .token:
            if acceptWord("method") { return .token("method " + (try parseMethodRef()).description) }
            if acceptWord("field") { return .field(try parseFieldRef()) }
            return .token(try parseType().description)
        case .signature:
            return .method(try parseCallSiteSignature())
        }
    }

    /// A one-byte immediate (`ldc.i4.s`, `unaligned.`); monodis writes negative ones as `0xfffffff6`.
    private func parseSmallInt(_ op: Opcode, signed: Bool) throws -> Int64 {
        let where_ = currentLocation
        let v = try expectInteger()
        let asInt32 = Int64(Int32(truncatingIfNeeded: v))
        let fits = (v >= -128 && v <= 255) || (v >= 0xFFFF_FF80 && v <= 0xFFFF_FFFF)
        guard fits else {
            error(at: where_, "operand \(v) is out of range for '\(op.rawValue)'")
            throw Abandon()
        }
        return signed ? Int64(Int8(truncatingIfNeeded: asInt32)) : Int64(UInt8(truncatingIfNeeded: asInt32))
    }

    /// `1.5`, `2`, `float64(0x3FF8000000000000)`, or raw little-endian bytes `(00 00 c0 3f)`.
    private func parseFloat(_ op: Opcode) throws -> Double {
        if current.kind == .float || current.kind == .integer {
            return advance().floatValue
        }
        if (current.isWord("float32") || current.isWord("float64")) && peek().isPunct("(") {
            let is32 = advance().text == "float32"
            skip()
            let bits = try expectInteger("the bit pattern")
            try expectPunct(")")
            return is32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
                        : Double(bitPattern: UInt64(bitPattern: bits))
        }
        if current.isPunct("(") {
            let bytes = try parseByteList()
            let want = op == .ldc_r4 ? 4 : 8
            guard bytes.count == want else { throw fail("\(want) bytes") }
            var bits: UInt64 = 0
            for (i, b) in bytes.enumerated() { bits |= UInt64(b) << (8 * UInt64(i)) }
            return want == 4 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
        }
        throw fail("a floating-point number")
    }

    /// `( 68 00 e9 00 )`: hex bytes.
    private func parseByteList() throws -> [UInt8] {
        try expectPunct("(")
        var bytes: [UInt8] = []
        while !atEnd && !current.isPunct(")") {
            let t = advance()
            guard let b = UInt8(t.text, radix: 16) else {
                error(at: location(of: t), "expected a hex byte, found \(t)")
                throw Abandon()
            }
            bytes.append(b)
        }
        try expectPunct(")")
        return bytes
    }

    /// `"text"` (with `+` concatenation) or `bytearray ( UTF-16LE bytes )`.
    private func parseStringOperand() throws -> String {
        if acceptWord("bytearray") {
            let bytes = try parseByteList()
            var units: [UInt16] = []
            var i = 0
            while i + 1 < bytes.count {
                units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        guard current.kind == .string else { throw fail("a string") }
        var s = advance().text
        while current.isPunct("+") && peek().kind == .string {
            skip()
            s += advance().text
        }
        return s
    }

    /// A local or argument operand: index or name, resolved to an index.
    private func parseVariable(_ op: Opcode, body: BodyBuilder) throws -> Int {
        let at = currentLocation
        let isArg = [.ldarg, .ldarg_s, .ldarga, .ldarga_s, .starg, .starg_s].contains(op)
        let index: Int
        if current.kind == .integer {
            let v = advance().intValue
            guard v >= 0 && v <= 65534 else {
                error(at: at, "\(isArg ? "argument" : "local") index \(v) is out of range")
                throw Abandon()
            }
            index = Int(v)
        } else {
            let name = try expectName(isArg ? "an argument index or name" : "a local index or name")
            let method = body.method
            if isArg {
                guard let i = method.parameters.firstIndex(where: { $0.name == name }) else {
                    error(.undefined, at: at, "undefined argument '\(name)'")
                    throw Abandon()
                }
                index = i + (method.isStatic ? 0 : 1)
            } else {
                guard let i = method.locals.firstIndex(where: { $0.name == name }) else {
                    error(.undefined, at: at, "undefined local '\(name)'")
                    throw Abandon()
                }
                index = i
            }
        }
        if op.operandKind == .shortVar && index > 255 {
            error(at: at, "index \(index) does not fit the short form '\(op.rawValue)'")
            throw Abandon()
        }
        return index
    }

    // MARK: Finishing

    /// Resolves branch labels to instruction indices and stores the body.
    private func finishBody(_ body: BodyBuilder) {
        let end = body.instructions.count
        if let p = body.prefixLocation {
            error(.invalidIL, at: p, "prefix '\(body.prefixes.first?.rawValue ?? "")' is not followed by an instruction")
        }
        for use in body.labelUses {
            var targets: [Int] = []
            for (name, at) in use.names {
                if name.hasPrefix("#"), let d = Int(name.dropFirst()), use.index < body.instructions.count {
                    // A displacement is any integer the reader wrote: one past Int's range lands nowhere.
                    let (destination, overflow) = body.end(of: use.index).addingReportingOverflow(d)
                    if !overflow, let i = body.instructions.firstIndex(where: { $0.offset == destination }) {
                        targets.append(i)
                    } else {
                        error(.invalidIL, at: at, "branch displacement \(d) does not land on an instruction")
                        targets.append(-1)
                    }
                } else if let i = body.labels[name] {
                    targets.append(i)
                } else {
                    error(.undefined, at: at, "undefined label '\(name)'")
                    targets.append(-1)
                }
            }
            guard use.index < body.instructions.count else { continue }
            let opcode = body.instructions[use.index].opcode
            if opcode.operandKind == .shortBranch, let t = targets.first, t >= 0 {
                let destination = t < end ? body.instructions[t].offset : body.offset
                let displacement = destination - body.end(of: use.index)
                if displacement < -128 || displacement > 127 {
                    error(.invalidIL, at: use.names[0].1,
                          "branch to '\(use.names[0].0)' is out of range for '\(opcode.rawValue)' (displacement \(displacement)); use the long form")
                }
            }
            if use.isSwitch {
                body.instructions[use.index].operand = .targets(targets)
            } else if let first = targets.first {
                body.instructions[use.index].operand = .target(first)
            }
        }
        for clause in body.rangeClauses {
            var bounds: [Int] = []
            for (name, at) in clause.labels {
                if let i = body.labels[name] { bounds.append(i) } else {
                    error(.undefined, at: at, "undefined label '\(name)'")
                }
            }
            guard bounds.count == clause.labels.count else { continue }
            if bounds.count == 5 {
                // try, filter, handler: the filter block runs from its label to the handler's.
                body.method.exceptionClauses.append(ExceptionClause(kind: .filter(bounds[2]), tryStart: bounds[0], tryEnd: bounds[1],
                                                                    handlerStart: bounds[3], handlerEnd: bounds[4]))
                continue
            }
            body.method.exceptionClauses.append(ExceptionClause(kind: clause.kind, tryStart: bounds[0], tryEnd: bounds[1],
                                                                handlerStart: bounds[2], handlerEnd: bounds[3]))
        }
        body.method.body = body.instructions
    }
}
