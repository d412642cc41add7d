/*
 * Unhandled exceptions. There is no exception handling yet: a failure .NET would
 * throw (null reference, index out of range, invalid cast, division by zero,
 * overflow) or a `throw` of a user exception ends the run the way an unhandled
 * exception ends a .NET process on Linux: the program's output is flushed, then
 *
 *   Unhandled exception. System.IndexOutOfRangeException: Index was outside the bounds of the array.
 *
 * goes to stderr and the process exits with 134 (SIGABRT's status, as .NET's abort gives).
 *
 * This is the whole exception model, even in methods with `.try` blocks ("EH-lite",
 * FinallyCloning.swift in the JIT): the JIT leaves catch and fault handlers out and
 * only runs finally handlers on the normal exits of their try blocks, so nothing here
 * looks for a handler. A throw that a surrounding `catch` would have caught is still
 * reported as unhandled, with the same line and exit code: a known difference from
 * .NET until real exception handling exists. For try/finally without a catch there is
 * no difference: .NET's first pass finds no handler and fails fast without running
 * any finally, exactly what happens here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jitbook_runtime.h"

void jitbook_unhandled(const char *type, const char *message) {
    jitbook_console_flush();
    char line[2048];
    int n = snprintf(line, sizeof line, "Unhandled exception. %s: %s\n", type, message);
    if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
    ssize_t ignored = write(2, line, (size_t)n);
    (void)ignored;
    _exit(134);
}

void jitbook_throw_null_reference(void) {
    jitbook_unhandled("System.NullReferenceException", "Object reference not set to an instance of an object.");
}

void jitbook_help_thrownullref(void) { jitbook_throw_null_reference(); }

void jitbook_help_rngchkfail(void) {
    jitbook_unhandled("System.IndexOutOfRangeException", "Index was outside the bounds of the array.");
}

void jitbook_help_throwdivzero(void) {
    jitbook_unhandled("System.DivideByZeroException", "Attempted to divide by zero.");
}

void jitbook_help_overflow(void) {
    jitbook_unhandled("System.OverflowException", "Arithmetic operation resulted in an overflow.");
}

/* UTF-16 string object -> UTF-8 (ASCII-only messages keep their text; others get '?'). */
static void utf8_of(const void *string, char *out, size_t cap) {
    size_t n = 0;
    if (string) {
        int32_t count;
        memcpy(&count, (const uint8_t *)string + JITBOOK_STRING_LENGTH_OFFSET, sizeof count);
        const uint8_t *chars = (const uint8_t *)string + JITBOOK_STRING_CHARS_OFFSET;
        for (int32_t i = 0; i < count && n + 1 < cap; i++) {
            uint16_t c;
            memcpy(&c, chars + 2 * (size_t)i, 2);
            out[n++] = c < 0x80 ? (char)c : '?';
        }
    }
    out[n] = 0;
}

void jitbook_help_throw(void *obj) {
    if (obj == NULL) jitbook_throw_null_reference();
    const void *mt = jitbook_mt_of(obj);
    const char *type = (const char *)(uintptr_t)jitbook_mt_u64(mt, MT_NAME);
    void *message;
    memcpy(&message, (uint8_t *)obj + EXCEPTION_MESSAGE_OFFSET, sizeof message);
    char text[1024];
    if (message) {
        utf8_of(message, text, sizeof text);
    } else {
        snprintf(text, sizeof text, "Exception of type '%s' was thrown.", type ? type : "?");
    }
    jitbook_unhandled(type ? type : "System.Exception", text);
}

void jitbook_method_not_compiled(void) {
    jitbook_console_flush();
    static const char msg[] = "jitbook-runtime: called a method that was not compiled (not reachable when the image was built)\n";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    (void)ignored;
    _exit(134);
}
