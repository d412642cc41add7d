/*
 * Delegates: the runtime-implemented `.ctor(object, native int)` and `Invoke` of every delegate
 * type. A delegate holds its target (null for a static method) and the code address `ldftn`
 * produced; Invoke calls that address with the target first when there is one. Managed code
 * uses the platform C convention for pointer-sized arguments, so a C call reaches it.
 */
#include <string.h>
#include "jitbook_runtime.h"

enum { DELEGATE_TARGET = 8, DELEGATE_METHOD = 16 };

typedef uint64_t (*fn0)(void);
typedef uint64_t (*fn1)(void *);
typedef uint64_t (*fn2)(void *, void *);
typedef uint64_t (*fn3)(void *, void *, void *);

void jitbook_delegate_ctor(void *self, void *target, void *method) {
    memcpy((uint8_t *)self + DELEGATE_TARGET, &target, sizeof target);
    memcpy((uint8_t *)self + DELEGATE_METHOD, &method, sizeof method);
}

static void parts(void *d, void **target, void **method) {
    if (!d) jitbook_throw_null_reference();
    memcpy(target, (uint8_t *)d + DELEGATE_TARGET, sizeof *target);
    memcpy(method, (uint8_t *)d + DELEGATE_METHOD, sizeof *method);
}

uint64_t jitbook_delegate_invoke0(void *d) {
    void *t, *m;
    parts(d, &t, &m);
    return t ? ((fn1)m)(t) : ((fn0)m)();
}

uint64_t jitbook_delegate_invoke1(void *d, void *a) {
    void *t, *m;
    parts(d, &t, &m);
    return t ? ((fn2)m)(t, a) : ((fn1)m)(a);
}

uint64_t jitbook_delegate_invoke2(void *d, void *a, void *b) {
    void *t, *m;
    parts(d, &t, &m);
    return t ? ((fn3)m)(t, a, b) : ((fn2)m)(a, b);
}
