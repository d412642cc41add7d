import Diagnostics
import IL

/// C# array initializers: `ldtoken field F` and the `RuntimeHelpers.InitializeArray` intrinsic.
///
/// For `new int[] { 1, 2, 3 }` the C# compiler emits
///
/// ```text
/// ldc.i4.3  newarr int32  dup
/// ldtoken field valuetype '<PrivateImplementationDetails>'/'$ArrayType=12' '<PrivateImplementationDetails>'::'$field-...'
/// call void RuntimeHelpers::InitializeArray(class System.Array, valuetype System.RuntimeFieldHandle)
/// ```
///
/// where the field is an RVA field whose `.data` holds the elements' bytes. `ldtoken`
/// pushes the field's handle (a CNS_INT commented with the field's name); the call is
/// recognised by name, as RyuJIT recognises NI_System_Runtime_CompilerServices_RuntimeHelpers_InitializeArray,
/// and becomes a call of the runtime's copy helper with the array and the handle. RyuJIT
/// goes further when the length and data are known at compile time and unrolls the copy
/// into a block copy from the data; the model always calls the helper.
extension BlockImporter {
    /// True when `ref` is `System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray(Array, RuntimeFieldHandle)`
    /// (the caller checks that the opcode is `call`).
    static func isInitializeArray(_ ref: MethodRef) -> Bool {
        guard !ref.hasThis, ref.name == "InitializeArray",
              ref.genericArgs.isEmpty, ref.parameters.count == 2,
              ref.owner?.typeName?.fullName == "System.Runtime.CompilerServices.RuntimeHelpers" else { return false }
        return ref.parameters[0].typeName?.fullName == "System.Array"
            && ref.parameters[1].typeName?.fullName == "System.RuntimeFieldHandle"
    }

    /// `ldtoken field F` of an RVA field: its handle; other tokens are not modelled.
    func importLoadToken(_ ins: Instruction) throws {
        guard case .field(let ref) = ins.operand else {
            throw Diagnostic(.unsupported, at: ins.location,
                             "'ldtoken' of a method or type is not supported by the model JIT yet (only RVA fields)")
        }
        let info = try c.runtime.fieldData(ref, in: c.methodHandle, at: ins.location)
        push(handleConstant(info.handle, comment: "field \(info.displayName)"))
    }

    /// `call RuntimeHelpers::InitializeArray(array, handle)`: the copy helper, called with both.
    func importInitializeArray(_ ins: Instruction) throws {
        let args = try pop(2)
        guard args[0].type == .ref, args[1].type == .long else {
            throw Diagnostic(.invalidIL, at: ins.location,
                             "'InitializeArray' needs an array and a field handle, got \(args[0].type) and \(args[1].type)")
        }
        append(helperCall(.initializeArray, .void, args))
    }
}
