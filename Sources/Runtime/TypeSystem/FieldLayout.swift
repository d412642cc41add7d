import Diagnostics
import IL

/// Field layout, like CoreCLR on 64-bit targets.
///
/// - Classes: the object starts with its MethodTable pointer (8 bytes); parent
///   fields come first, then the type's own fields: object references first, then
///   the others by decreasing alignment (definition order among equals), each
///   naturally aligned. The allocation size is the end rounded up to 8, at least 24
///   (CoreCLR's minimum object size).
/// - Value types: sequential in definition order, naturally aligned; the size is
///   rounded up to the largest field alignment (at least 1). Offsets are from the
///   start of the data (a boxed value has its data at +8).
/// - Statics: one block per type, sequential, naturally aligned.
/// - Strings and arrays have fixed layouts (see MethodTableLayout.swift).
enum FieldLayout {
    static func layOut(_ t: RuntimeType, _ ts: TypeSystem, _ context: GenericContext) throws {
        guard let def = t.def else { return }
        var own: [(FieldDef, RuntimeType)] = []
        var statics: [(FieldDef, RuntimeType)] = []
        for f in def.fields {
            if f.attributes.contains("literal") { continue }
            if let p = t.primitive, !f.isStatic {
                // A primitive's own `m_value` (or an enum's `value__`): the data is the primitive itself.
                t.alignment = p.size
                t.instanceSize = p.size
                continue
            }
            guard let ft = try ts.type(f.type, context, at: f.location) else {
                throw Diagnostic(.invalidIL, at: f.location, "field '\(f.name)' has type void")
            }
            if ft.isValueType && ft.primitive == nil && !ft.isLoaded && ft !== t {
                throw Diagnostic(.invalidIL, at: f.location, "value type '\(ft.name)' contains itself")
            }
            if f.isStatic { statics.append((f, ft)) } else { own.append((f, ft)) }
        }
        // Statics.
        var offset = 0
        var staticFields: [RuntimeField] = []
        for (f, ft) in statics {
            offset = align(offset, ft.valueAlignment)
            staticFields.append(RuntimeField(def: f, type: ft, offset: offset, owner: t))
            offset += ft.valueSize
        }
        t.staticFields = staticFields
        t.staticsSize = offset

        switch t.kind {
        case .valueType where t.primitive != nil:
            t.instanceFields = []
            t.alignment = t.primitive?.size ?? 1
            t.instanceSize = t.primitive?.size ?? 1
        case .valueType:
            var end = 0
            var maxAlign = 1
            var fields: [RuntimeField] = []
            for (f, ft) in own {
                if ft === t { throw Diagnostic(.invalidIL, at: f.location, "value type '\(t.name)' contains itself") }
                end = align(end, ft.valueAlignment)
                fields.append(RuntimeField(def: f, type: ft, offset: end, owner: t))
                end += ft.valueSize
                maxAlign = max(maxAlign, ft.valueAlignment)
            }
            t.instanceFields = fields
            t.alignment = t.primitive?.size ?? maxAlign
            t.instanceSize = max(1, align(end, maxAlign))
            if let p = t.primitive { t.instanceSize = p.size }
        case .class, .string:
            let inherited = t.parent?.instanceFields ?? []
            var end = t.parent.map(fieldsEnd) ?? 8
            if t.parent == nil { end = 8 }
            let isRef: (RuntimeType) -> Bool = { !$0.isValueType }
            let ordered = own.enumerated().sorted { a, b in
                let ra = isRef(a.element.1), rb = isRef(b.element.1)
                if ra != rb { return ra }
                let aa = a.element.1.valueAlignment, ab = b.element.1.valueAlignment
                if aa != ab { return aa > ab }
                return a.offset < b.offset
            }.map(\.element)
            var fields = inherited
            for (f, ft) in ordered {
                end = align(end, ft.valueAlignment)
                fields.append(RuntimeField(def: f, type: ft, offset: end, owner: t))
                end += ft.valueSize
            }
            t.instanceFields = fields
            t.fieldsEndOffset = end
            t.instanceSize = max(24, align(end, 8))
        case .interface, .array:
            t.instanceFields = []
        }
    }

    /// Where the next field of a derived class may start.
    static func fieldsEnd(_ t: RuntimeType) -> Int { t.fieldsEndOffset }

    static func align(_ v: Int, _ a: Int) -> Int { a <= 1 ? v : (v + a - 1) / a * a }
}
