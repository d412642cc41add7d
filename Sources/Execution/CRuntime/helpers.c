/*
 * The helper table: every runtime function generated code may call, by id.
 *
 * The ids and names must match Sources/Runtime/Helpers.swift (the Swift side
 * places one 8-byte cell per helper at AddressMap.helperCell(id) and the image
 * lists a relocation per cell; a test checks the two tables agree). Later
 * issues append rows here (object allocation, continuations, contexts); ids
 * are never reused.
 */
#include <stdio.h>
#include <string.h>
#include "jitbook_runtime.h"

static const jitbook_helper helpers[] = {
    { 0, "System.Console:WriteLine()", (void *)jitbook_console_write_line },
    { 1, "System.Console:WriteLine(int)", (void *)jitbook_console_write_line_int32 },
    { 2, "System.Console:WriteLine(long)", (void *)jitbook_console_write_line_int64 },
    { 3, "System.Console:WriteLine(bool)", (void *)jitbook_console_write_line_bool },
    { 4, "System.Console:WriteLine(System.String)", (void *)jitbook_console_write_line_string },
    { 5, "System.Console:Write(int)", (void *)jitbook_console_write_int32 },
    { 6, "System.Console:Write(long)", (void *)jitbook_console_write_int64 },
    { 7, "System.Console:Write(bool)", (void *)jitbook_console_write_bool },
    { 8, "System.Console:Write(System.String)", (void *)jitbook_console_write_string },
    { 9, "System.Console:WriteLine(ushort)", (void *)jitbook_console_write_line_char },
    { 10, "System.Console:WriteLine(System.Object)", (void *)jitbook_console_write_line_object },
    { 11, "System.Console:Write(ushort)", (void *)jitbook_console_write_char },
    { 12, "System.Console:Write(System.Object)", (void *)jitbook_console_write_object },
    { 13, "CORINFO_HELP_NEWSFAST", (void *)jitbook_help_newsfast },
    { 14, "CORINFO_HELP_NEWARR_1_VC", (void *)jitbook_help_newarr },
    { 15, "CORINFO_HELP_RNGCHKFAIL", (void *)jitbook_help_rngchkfail },
    { 16, "CORINFO_HELP_THROWNULLREF", (void *)jitbook_help_thrownullref },
    { 17, "CORINFO_HELP_CHKCASTCLASS", (void *)jitbook_help_chkcast },
    { 18, "CORINFO_HELP_ISINSTANCEOFCLASS", (void *)jitbook_help_isinst },
    { 19, "CORINFO_HELP_CHKCASTINTERFACE", (void *)jitbook_help_chkcast },
    { 20, "CORINFO_HELP_ISINSTANCEOFINTERFACE", (void *)jitbook_help_isinst },
    { 21, "CORINFO_HELP_CHKCASTANY", (void *)jitbook_help_chkcast },
    { 22, "CORINFO_HELP_ISINSTANCEOFANY", (void *)jitbook_help_isinst },
    { 23, "CORINFO_HELP_BOX", (void *)jitbook_help_box },
    { 24, "CORINFO_HELP_UNBOX", (void *)jitbook_help_unbox },
    { 25, "CORINFO_HELP_THROW", (void *)jitbook_help_throw },
    { 26, "CORINFO_HELP_THROWDIVZERO", (void *)jitbook_help_throwdivzero },
    { 27, "CORINFO_HELP_OVERFLOW", (void *)jitbook_help_overflow },
    { 28, "CORINFO_HELP_VIRTUAL_FUNC_PTR", (void *)jitbook_help_virtual_func_ptr },
    { 29, "System.Object:ToString():System.String:this", (void *)jitbook_object_to_string },
    { 30, "System.Object:GetHashCode():int:this", (void *)jitbook_object_get_hash_code },
    { 31, "System.String:Concat(System.String,System.String):System.String", (void *)jitbook_string_concat2 },
    { 32, "System.String:Concat(System.String,System.String,System.String):System.String", (void *)jitbook_string_concat3 },
    { 33, "System.String:Concat(System.String,System.String,System.String,System.String):System.String", (void *)jitbook_string_concat4 },
    { 34, "System.String:Concat(System.Object,System.Object):System.String", (void *)jitbook_string_concat_obj2 },
    { 35, "System.String:Concat(System.Object,System.Object,System.Object):System.String", (void *)jitbook_string_concat_obj3 },
    { 36, "System.String:Concat(System.String[]):System.String", (void *)jitbook_string_concat_array },
    { 37, "System.String:Concat(System.Object[]):System.String", (void *)jitbook_string_concat_array },
    { 38, "System.String:Equals(System.String,System.String):bool", (void *)jitbook_string_equals },
    { 39, "System.String:Format(System.String,System.Object):System.String", (void *)jitbook_string_format1 },
    { 40, "System.String:Format(System.String,System.Object,System.Object):System.String", (void *)jitbook_string_format2 },
    { 41, "System.String:Format(System.String,System.Object,System.Object,System.Object):System.String", (void *)jitbook_string_format3 },
    { 42, "System.String:Format(System.String,System.Object[]):System.String", (void *)jitbook_string_format_array },
    { 43, "System.String:FromChar(ushort):System.String", (void *)jitbook_string_from_char },
    { 44, "System.Number:Int32ToString(int):System.String", (void *)jitbook_number_int32_to_string },
    { 45, "System.Number:Int64ToString(long):System.String", (void *)jitbook_number_int64_to_string },
    { 46, "System.Number:UInt32ToString(uint):System.String", (void *)jitbook_number_uint32_to_string },
    { 47, "System.Number:UInt64ToString(ulong):System.String", (void *)jitbook_number_uint64_to_string },
    { 48, "System.Console:WriteLine(System.String,System.Object):void", (void *)jitbook_console_write_line_format1 },
    { 49, "System.Console:WriteLine(System.String,System.Object,System.Object):void", (void *)jitbook_console_write_line_format2 },
    { 50, "System.Console:WriteLine(System.String,System.Object,System.Object,System.Object):void", (void *)jitbook_console_write_line_format3 },
    { 51, "jitbook:MethodNotCompiled", (void *)jitbook_method_not_compiled },
    { 52, "CORINFO_HELP_ALLOC_CONTINUATION", (void *)jitbook_help_alloc_continuation },
    { 53, "System.Runtime.CompilerServices.AsyncHelpers:ResumeContinuation(System.Runtime.CompilerServices.Continuation,byref<ubyte>):System.Runtime.CompilerServices.Continuation", (void *)jitbook_resume_continuation },
    { 54, "System.Runtime.CompilerServices.AsyncHelpers:ResultStorage(System.Runtime.CompilerServices.Continuation):byref<ubyte>", (void *)jitbook_result_storage },
    { 55, "System.Runtime.CompilerServices.AsyncHelpers:ContinuationSlot(System.Runtime.CompilerServices.Continuation,int):System.Object", (void *)jitbook_continuation_slot },
    { 56, "jitbook:DelegateCtor", (void *)jitbook_delegate_ctor },
    { 57, "jitbook:DelegateInvoke0", (void *)jitbook_delegate_invoke },
    { 58, "jitbook:DelegateInvoke1", (void *)jitbook_delegate_invoke },
    { 59, "jitbook:DelegateInvoke2", (void *)jitbook_delegate_invoke },
    { 60, "System.Runtime.CompilerServices.RuntimeHelpers:InitializeArray(System.Array,System.RuntimeFieldHandle)", (void *)jitbook_initialize_array },
    { 61, "System.String:FastAllocateString(int):System.String", (void *)jitbook_string_alloc },
    { 62, "System.Array:Copy(System.Array,int,System.Array,int,int):void", (void *)jitbook_array_copy },
    { 63, "System.Object:MemberwiseClone():System.Object:this", (void *)jitbook_object_memberwise_clone },
    { 64, "CORINFO_HELP_ARRADDR_ST", (void *)jitbook_help_arraddr_st },
    { 65, "jitbook:DelegateInvokeN", (void *)jitbook_delegate_invoke },
    { 66, "CORINFO_HELP_INITCLASS", (void *)jitbook_class_init },
    { 67, "CORINFO_HELP_EH_PUSH", (void *)jitbook_eh_push },
    { 68, "CORINFO_HELP_EH_POP", (void *)jitbook_eh_pop },
    { 69, "CORINFO_HELP_NEW_MDARR", (void *)jitbook_help_new_mdarr },
    { 70, "jitbook:MDArrayStoreCheck", (void *)jitbook_help_mdarr_store_check },
    { 71, "System.Array:get_Rank():int:this", (void *)jitbook_array_get_rank },
    { 72, "System.Array:GetLength(int):int:this", (void *)jitbook_array_get_length },
    { 73, "System.Array:GetLowerBound(int):int:this", (void *)jitbook_array_get_lower_bound },
    { 74, "System.Delegate:MulticastInvokeStub():long", (void *)jitbook_delegate_multicast_stub },
    /* Seed 004: managed helpers (DYNAMICJITHELPER upstream). No C function: the image fills their
     * cells with the code of the AsyncHelpers methods that implement them, and the runtime only
     * checks that it did. */
    { 75, "CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS", NULL },
    { 76, "CORINFO_HELP_ASYNC_RESTORE_CONTEXTS", NULL },
    { 77, "CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT", NULL },
    { 78, "CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT", NULL },
    { 79, "CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION", NULL },
    { 80, "CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT", NULL },
    { 81, "Jitbook.RuntimeStats:ObjectsAllocated():long", (void *)jitbook_stats_objects },
    { 82, "Jitbook.RuntimeStats:TasksAllocated():long", (void *)jitbook_stats_tasks },
    { 83, "Jitbook.RuntimeStats:ContinuationsAllocated():long", (void *)jitbook_stats_continuations },
    { 84, "Jitbook.RuntimeStats:StartCountingInstructions():void", (void *)jitbook_stats_start_counting },
    { 85, "Jitbook.RuntimeStats:StopCountingInstructions():long", (void *)jitbook_stats_stop_counting },
    /* Floating point (floating.c). */
    { 86, "CORINFO_HELP_DBL2INT", (void *)jitbook_help_dbl2int },
    { 87, "CORINFO_HELP_DBL2UINT", (void *)jitbook_help_dbl2uint },
    { 88, "CORINFO_HELP_DBL2LNG", (void *)jitbook_help_dbl2lng },
    { 89, "CORINFO_HELP_DBL2ULNG", (void *)jitbook_help_dbl2ulng },
    { 90, "CORINFO_HELP_ULNG2DBL", (void *)jitbook_help_ulng2dbl },
    { 91, "CORINFO_HELP_DBLREM", (void *)jitbook_help_dblrem },
    { 92, "CORINFO_HELP_FLTREM", (void *)jitbook_help_fltrem },
    { 93, "System.Number:FormatDouble(double):System.String", (void *)jitbook_number_format_double },
    { 94, "System.Number:FormatSingle(float):System.String", (void *)jitbook_number_format_single },
    { 95, "System.Math:Sqrt(double):double", (void *)jitbook_math_sqrt },
    { 96, "System.Math:Abs(double):double", (void *)jitbook_math_abs },
    { 97, "System.Math:Floor(double):double", (void *)jitbook_math_floor },
    { 98, "System.Math:Ceiling(double):double", (void *)jitbook_math_ceiling },
    { 99, "System.Math:Round(double):double", (void *)jitbook_math_round },
    { 100, "System.Math:Pow(double,double):double", (void *)jitbook_math_pow },
    { 101, "System.Math:Max(double,double):double", (void *)jitbook_math_max },
    { 102, "System.Math:Min(double,double):double", (void *)jitbook_math_min },
    /* Block operations (blocks.c). */
    { 103, "CORINFO_HELP_MEMCPY", (void *)jitbook_help_memcpy },
    { 104, "CORINFO_HELP_MEMSET", (void *)jitbook_help_memset },
    { 105, "jitbook:LocAlloc", (void *)jitbook_help_localloc },
    { 106, "jitbook:GenericVirtualLookup", (void *)jitbook_help_generic_virtual_lookup },
    { 107, "CORINFO_HELP_LDELEMA_REF", (void *)jitbook_help_ldelema_ref },
    /* Explicit tail calls through the dispatcher (tailcalls.c). */
    { 108, "jitbook:TailCallBuffer", (void *)jitbook_help_tailcall_buffer },
    { 109, "jitbook:TailCallFinish", (void *)jitbook_help_tailcall_finish },
};

const jitbook_helper *jitbook_helper_lookup(uint32_t id) {
    for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++) {
        if (helpers[i].id == id) return &helpers[i];
    }
    return NULL;
}

int jitbook_helpers_resolve(const jitbook_image *image) {
    for (uint32_t i = 0; i < image->reloc_count; i++) {
        const jitbook_helper_reloc *r = &image->relocs[i];
        const jitbook_helper *h = jitbook_helper_lookup(r->helper_id);
        if (!h || !r->name || strcmp(h->name, r->name) != 0) {
            fprintf(stderr, "jitbook-runtime: the image asks for helper %u '%s', which this runtime does not have\n",
                    r->helper_id, r->name ? r->name : "?");
            return 0;
        }
        if (!h->entry) {
            /* A managed helper: the image's cell already holds its code address, or zero when no
             * code of the image calls it (then nothing may: the cell stays a null target). */
            continue;
        }
        uint64_t address = (uint64_t)(uintptr_t)h->entry;
        memcpy((void *)(uintptr_t)r->cell, &address, sizeof address);
    }
    return 1;
}
