/*
 * RuntimeHelpers.InitializeArray(array, fieldHandle): the copy behind C# array
 * initializers (`new int[] { 1, 2, 3 }`).
 *
 * The C# compiler stores the initial elements as the bytes of an RVA field
 * (`.data`). The JIT passes the field's handle, which in this model is the
 * address of its descriptor in the field-data region (Runtime/FieldDataRegion.swift):
 *
 *   +0  u64 byte count
 *   +8  the bytes, little-endian, as the element type lays them out
 *
 * The helper copies length * component size bytes into the array's elements.
 * Like CoreCLR it refuses arrays of references and fields whose data is shorter
 * than the array (ArgumentException), and a null array (NullReferenceException).
 */
#include <string.h>
#include "jitbook_runtime.h"

void jitbook_initialize_array(void *array, const void *field) {
    if (!array) jitbook_throw_null_reference();
    const void *mt = jitbook_mt_of(array);
    const void *element = (const void *)(uintptr_t)jitbook_mt_u64(mt, MT_ELEMENT);
    if (!element || !(jitbook_mt_u32(element, MT_FLAGS) & MT_FLAG_VALUE_TYPE)) {
        jitbook_unhandled("System.ArgumentException", "InitializeArray needs an array of primitive elements.");
    }
    if (!field) jitbook_unhandled("System.ArgumentException", "InitializeArray needs an RVA field handle.");
    uint64_t available;
    memcpy(&available, field, sizeof available);
    int32_t length;
    memcpy(&length, (const uint8_t *)array + ARRAY_LENGTH_OFFSET, sizeof length);
    uint64_t needed = (uint64_t)length * jitbook_mt_u32(mt, MT_COMPONENT_SIZE);
    if (needed > available) {
        jitbook_unhandled("System.ArgumentException", "The field's data is shorter than the array it initializes.");
    }
    /* The elements start at the base size: 16 for int[], after the bounds for int[,]. */
    memcpy((uint8_t *)array + jitbook_mt_u32(mt, MT_BASE_SIZE), (const uint8_t *)field + 8, (size_t)needed);
}
