/*
 * Throwing, and unhandled exceptions. A `throw` (CORINFO_HELP_THROW) or a failure .NET would
 * throw (null reference, index out of range, invalid cast, division by zero, overflow) goes
 * to the handler records (eh.c) when one of them may catch it; the runtime's own exceptions
 * are then allocated as objects of CoreLib's exception types. Otherwise the run ends the way
 * an unhandled exception ends a .NET process on Linux: the program's output is flushed, then
 *
 *   Unhandled exception. System.IndexOutOfRangeException: Index was outside the bounds of the array.
 *
 * goes to stderr and the process exits with 134 (SIGABRT's status, as .NET's abort gives).
 *
 * As in .NET, an exception no record catches runs no finally handler first (the first
 * pass finds no handler and the process fails fast). Async methods link the same records;
 * a suspended frame's records are unlinked and a resumed frame links them again, so an
 * exception thrown on the dispatcher reaches the resumed method's handlers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jitbook_runtime.h"

static void report_unhandled(const char *type, const char *message) __attribute__((noreturn));

void jitbook_unhandled(const char *type, const char *message) {
    if (jitbook_eh_active()) {
        void *exception = jitbook_exception_new(type, message);
        if (exception) jitbook_eh_dispatch(exception);
    }
    report_unhandled(type, message);
}

static void report_unhandled(const char *type, const char *message) {
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
    jitbook_eh_dispatch(obj);
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
    report_unhandled(type ? type : "System.Exception", text);
}

void jitbook_method_not_compiled(void) {
    jitbook_console_flush();
    static const char msg[] = "jitbook-runtime: called a method that was not compiled (not reachable when the image was built)\n";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    (void)ignored;
    _exit(134);
}
