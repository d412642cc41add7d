/*
 * jitbook-runtime --serve: one runtime process runs many code images.
 *
 * Starting a process per run costs an exec and, on arm64, a fresh qemu-aarch64 each time
 * (tens of milliseconds, more than most of the book's programs run). A server starts once;
 * for each request it forks a child that loads and runs the image exactly as
 * `jitbook-runtime IMAGE` would (main.c), so a crash, a hang or an exhausted arena still ends
 * only that run. The server reserved the address map's window before its first fork, and every
 * child inherits that reservation and the server's layout (started without address
 * randomization by the Swift runner, Execution/RuntimeServer.swift).
 *
 * Protocol, one line each way, fields separated by tabs:
 *   request  MEMORY_MIB  STATS(0|1)  TIMEOUT_MS  STDOUT_PATH  STDERR_PATH  IMAGE_PATH
 *   reply    "exited N" | "signaled S" | "timedout" | "error MESSAGE"
 * The child's stdout and stderr go to the two files; its stdin is /dev/null. The server ends
 * when its stdin closes (the jitbook process that started it went away).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "jitbook_runtime.h"

/* Requests are read with read(2) into this buffer, not through stdio: a child must not inherit
 * buffered stdin that its exit could act on. */
static char input[16384];
static size_t input_used;

/* The next request line (without its newline), or NULL at the end of input. */
static char *next_line(void) {
    static size_t consumed;
    if (consumed > 0) {
        memmove(input, input + consumed, input_used - consumed);
        input_used -= consumed;
        consumed = 0;
    }
    for (;;) {
        char *newline = memchr(input, '\n', input_used);
        if (newline) {
            *newline = '\0';
            consumed = (size_t)(newline - input) + 1;
            return input;
        }
        if (input_used == sizeof input) return NULL;   /* a line longer than any request */
        ssize_t n = read(0, input + input_used, sizeof input - input_used);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return NULL;
        input_used += (size_t)n;
    }
}

/* Writes one reply line with write(2) (no stdio buffer for a fork to duplicate). */
static void reply(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void reply(const char *format, ...) {
    char line[512];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(line, sizeof line - 1, format, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    for (int off = 0; off < n;) {
        ssize_t w = write(1, line + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) exit(0);   /* nobody reads the replies any more */
        off += (int)w;
    }
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Points `fd` at `path` (opened with `flags`); 0 when the file cannot be opened. */
static int redirect(int fd, const char *path, int flags) {
    int opened = open(path, flags, 0600);
    if (opened < 0) return 0;
    if (opened != fd) {
        dup2(opened, fd);
        close(opened);
    }
    return 1;
}

/* One request: fork, run the image in the child, wait with the time limit, reply. */
static void serve_one(char *line) {
    char *fields[6];
    char *rest = line;
    for (int i = 0; i < 6; i++) {
        fields[i] = strsep(&rest, "\t");
        if (fields[i] == NULL) {
            reply("error malformed request");
            return;
        }
    }
    char *end;
    unsigned long long mib = strtoull(fields[0], &end, 10);
    int stats = strcmp(fields[1], "1") == 0;
    long long timeout_ms = strtoll(fields[2], NULL, 10);
    /* The server never allocates from the arena, so its size can be set here for the child to
     * inherit, by the same check `--memory` goes through (alloc.c). */
    if (*end != '\0' || fields[0][0] == '-' || !jitbook_arena_set_size((size_t)mib) || timeout_ms <= 0) {
        reply("error bad memory limit or timeout");
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        reply("error fork failed: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);   /* as in a runtime started on its own */
        if (!redirect(0, "/dev/null", O_RDONLY) || !redirect(1, fields[3], O_WRONLY | O_CREAT | O_TRUNC)
            || !redirect(2, fields[4], O_WRONLY | O_CREAT | O_TRUNC)) {
            _exit(2);
        }
        jitbook_run_image(fields[5], stats);
    }
    double deadline = now_seconds() + (double)timeout_ms / 1000.0;
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) {
            reply("error waitpid failed: %s", strerror(errno));
            return;
        }
        if (now_seconds() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            reply("timedout");
            return;
        }
        struct timespec pause = {0, 1000000};   /* 1 ms */
        nanosleep(&pause, NULL);
    }
    if (WIFEXITED(status)) reply("exited %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) reply("signaled %d", WTERMSIG(status));
    else reply("error unknown child status %d", status);
}

int jitbook_serve(void) {
    /* The window every child's image maps into, reserved once, before the first fork. */
    jitbook_address_map_reserve();
    /* A reply to a jitbook that went away ends the server (reply's failed write), not a signal. */
    signal(SIGPIPE, SIG_IGN);
    char *line;
    while ((line = next_line()) != NULL) serve_one(line);
    return 0;
}
