/*
 * Array.Copy(sourceArray, sourceIndex, destinationArray, destinationIndex, length): the
 * element copy behind the model CoreLib's Array.Copy, Array.Resize, List<T> and
 * StringBuilder growth. IL cannot copy elements of an array whose type it does not know,
 * so the runtime copies length * component size bytes (memmove: the ranges may overlap).
 *
 * Both arrays must have the same method table: .NET's conversions between array types
 * (string[] into object[], int[] into long[]) are not modeled and end the run with
 * ArrayTypeMismatchException, .NET's exception for incompatible arrays. Bad arguments end
 * it with .NET's ArgumentNullException / ArgumentOutOfRangeException / ArgumentException.
 */
#include <string.h>
#include "jitbook_runtime.h"

static int32_t array_length(const void *array) {
    int32_t n;
    memcpy(&n, (const uint8_t *)array + ARRAY_LENGTH_OFFSET, sizeof n);
    return n;
}

void jitbook_array_copy(void *src, int32_t src_index, void *dst, int32_t dst_index, int32_t length) {
    if (src == NULL)
        jitbook_unhandled("System.ArgumentNullException", "Value cannot be null. (Parameter 'sourceArray')");
    if (dst == NULL)
        jitbook_unhandled("System.ArgumentNullException", "Value cannot be null. (Parameter 'destinationArray')");
    const void *mt = jitbook_mt_of(src);
    if (mt != jitbook_mt_of(dst))
        jitbook_unhandled("System.ArrayTypeMismatchException",
                          "Source array type cannot be assigned to destination array type.");
    if (length < 0)
        jitbook_unhandled("System.ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'length')");
    if (src_index < 0)
        jitbook_unhandled("System.ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'sourceIndex')");
    if (dst_index < 0)
        jitbook_unhandled("System.ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'destinationIndex')");
    if ((int64_t)src_index + length > array_length(src))
        jitbook_unhandled("System.ArgumentException", "Source array was not long enough. Check the source index, "
                          "length, and the array's lower bounds. (Parameter 'sourceArray')");
    if ((int64_t)dst_index + length > array_length(dst))
        jitbook_unhandled("System.ArgumentException", "Destination array was not long enough. Check the destination "
                          "index, length, and the array's lower bounds. (Parameter 'destinationArray')");
    uint32_t size = jitbook_mt_u32(mt, MT_COMPONENT_SIZE);
    uint8_t *base_src = (uint8_t *)src + ARRAY_DATA_OFFSET, *base_dst = (uint8_t *)dst + ARRAY_DATA_OFFSET;
    memmove(base_dst + (size_t)dst_index * size, base_src + (size_t)src_index * size, (size_t)length * size);
}
