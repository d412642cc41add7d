/*
 * System.Console output, printed exactly as .NET prints it on Linux: decimal
 * integers, True/False for bools, strings converted from UTF-16 to UTF-8 (a
 * lone surrogate becomes U+FFFD, as .NET's encoder does), "\n" line endings.
 *
 * Output goes through one buffer written with write(2), so the fault handler
 * can flush what the program printed before it crashed.
 */
#include <string.h>
#include <unistd.h>
#include "jitbook_runtime.h"

static char buffer[1 << 16];
static size_t length;

void jitbook_console_flush(void) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = write(1, buffer + done, length - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    length = 0;
}

static void put(const char *text, size_t n) {
    while (n > 0) {
        if (length == sizeof buffer) jitbook_console_flush();
        size_t chunk = sizeof buffer - length;
        if (chunk > n) chunk = n;
        memcpy(buffer + length, text, chunk);
        length += chunk;
        text += chunk;
        n -= chunk;
    }
}

static void put_int64(int64_t value) {
    char digits[24];
    int i = sizeof digits;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[--i] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) digits[--i] = '-';
    put(digits + i, sizeof digits - (size_t)i);
}

static void put_bool(int32_t value) {
    /* A bool argument arrives widened to int; only its low byte is the bool. */
    if ((value & 0xFF) != 0) put("True", 4); else put("False", 5);
}

static void put_code_point(uint32_t cp) {
    char out[4];
    size_t n;
    if (cp < 0x80) { out[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { out[0] = (char)(0xC0 | cp >> 6); out[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        out[0] = (char)(0xF0 | cp >> 18); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    put(out, n);
}

static void put_string(const void *string) {
    if (string == NULL) return;   /* Console.WriteLine((string)null) prints an empty line */
    const uint8_t *object = string;
    int32_t count;
    memcpy(&count, object + JITBOOK_STRING_LENGTH_OFFSET, sizeof count);
    const uint8_t *chars = object + JITBOOK_STRING_CHARS_OFFSET;
    for (int32_t i = 0; i < count; i++) {
        uint16_t c;
        memcpy(&c, chars + 2 * (size_t)i, 2);
        uint32_t cp = c;
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < count) {
            uint16_t low;
            memcpy(&low, chars + 2 * (size_t)(i + 1), 2);
            if (low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + (((uint32_t)c - 0xD800) << 10) + (low - 0xDC00);
                i++;
            } else {
                cp = 0xFFFD;
            }
        } else if (c >= 0xD800 && c < 0xE000) {
            cp = 0xFFFD;
        }
        put_code_point(cp);
    }
}

void jitbook_console_write_line(void) { put("\n", 1); }
void jitbook_console_write_line_int32(int32_t value) { put_int64(value); put("\n", 1); }
void jitbook_console_write_line_int64(int64_t value) { put_int64(value); put("\n", 1); }
void jitbook_console_write_line_bool(int32_t value) { put_bool(value); put("\n", 1); }
void jitbook_console_write_line_string(const void *string) { put_string(string); put("\n", 1); }
void jitbook_console_write_int32(int32_t value) { put_int64(value); }
void jitbook_console_write_int64(int64_t value) { put_int64(value); }
void jitbook_console_write_bool(int32_t value) { put_bool(value); }
void jitbook_console_write_string(const void *string) { put_string(string); }

void jitbook_console_put_string(const void *string) { put_string(string); }

static void put_char(int32_t value) {
    uint16_t c = (uint16_t)value;
    put_code_point(c >= 0xD800 && c < 0xE000 ? 0xFFFD : c);
}

void jitbook_console_write_char(int32_t c) { put_char(c); }
void jitbook_console_write_line_char(int32_t c) { put_char(c); put("\n", 1); }
void jitbook_console_write_object(void *obj) { if (obj) put_string(jitbook_to_string(obj)); }
void jitbook_console_write_line_object(void *obj) { jitbook_console_write_object(obj); put("\n", 1); }
