/*
 * Delegates: the runtime-implemented `.ctor(object, native int)` and `Invoke` of every delegate
 * type. A delegate holds its target (null for a static method) and the code address `ldftn`
 * produced; Invoke calls that address with the target first when there is one.
 *
 * Invoke is one forwarder for every signature the model accepts (Sources/Runtime/DelegateInvoke.swift):
 * arguments that travel in integer registers, at most five words after the delegate, and a result
 * in at most the two integer return registers. The forwarder treats the argument registers as
 * opaque words: an instance target takes the delegate's place, a static one shifts the words down
 * by one. Words the signature does not use are passed along unread. Returning a two-word struct
 * keeps both return registers (rax:rdx, x0:x1) whatever the callee returns.
 */
#include <string.h>
#include "jitbook_runtime.h"

enum { DELEGATE_TARGET = 8, DELEGATE_METHOD = 16 };

typedef jitbook_words2 (*fn5)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
typedef jitbook_words2 (*fn6)(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

void jitbook_delegate_ctor(void *self, void *target, void *method) {
    memcpy((uint8_t *)self + DELEGATE_TARGET, &target, sizeof target);
    memcpy((uint8_t *)self + DELEGATE_METHOD, &method, sizeof method);
}

jitbook_words2 jitbook_delegate_invoke(void *d, uint64_t a, uint64_t b, uint64_t c, uint64_t e, uint64_t f) {
    void *t, *m;
    if (!d) jitbook_throw_null_reference();
    memcpy(&t, (uint8_t *)d + DELEGATE_TARGET, sizeof t);
    memcpy(&m, (uint8_t *)d + DELEGATE_METHOD, sizeof m);
    return t ? ((fn6)m)(t, a, b, c, e, f) : ((fn5)m)(a, b, c, e, f);
}
