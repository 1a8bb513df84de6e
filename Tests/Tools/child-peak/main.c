// child-peak: runs a program as its child and writes the child's own peak resident memory.
//
//     child-peak FILE PROGRAM [ARGUMENT...]
//
// When PROGRAM ends, FILE gets its peak resident set size in bytes (the kernel's ru_maxrss),
// and child-peak ends as PROGRAM did: the same exit code, or the same signal. The test suite
// (LabfeedTestSupport's ChildProcess, `measuringPeak`) runs labfeed through it.
//
// Why a process between the test and labfeed: on Linux a process's ru_maxrss counts the
// high-water mark of the memory it was started from (exec records the replaced address space's
// peak; posix_spawn's child runs in its parent's until exec, a forked one in a copy of it), so
// a child spawned by the test runner reports the runner's own peak when that is larger: 1.5 GB
// for any labfeed started by the suite under AddressSanitizer, whatever labfeed itself used.
// child-peak is small: what it forks starts from a few megabytes.
//
// Signals: TERM, INT, HUP, QUIT, USR1 and USR2 sent to child-peak are passed on to PROGRAM,
// which starts with the signal mask child-peak was started with.
// PROGRAM is killed (SIGKILL) when child-peak dies (PR_SET_PDEATHSIG), and shares its process
// group, so that `kill(-pgid, SIGKILL)` ends both at once.

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t child = 0;
static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

static void forward(int sig) {
    if (child > 0) kill(child, sig);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: child-peak FILE PROGRAM [ARGUMENT...]\n");
        return 2;
    }
    const char *file = argv[1];
    pid_t self = getpid();
    // The forwarded signals are held from before the fork until the child's pid is known, so
    // that one sent at once (a test stopping what it just started) reaches the child.
    sigset_t held, previous;
    sigemptyset(&held);
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaddset(&held, forwarded[i]);
    sigprocmask(SIG_BLOCK, &held, &previous);
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = forward;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(forwarded[i], &action, NULL);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("child-peak: fork");
        return 127;
    }
    if (pid == 0) {
        for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) signal(forwarded[i], SIG_DFL);
        sigprocmask(SIG_SETMASK, &previous, NULL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != self) _exit(127);  // child-peak died before the line above
        execv(argv[2], argv + 2);
        fprintf(stderr, "child-peak: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    child = pid;
    // Passed on from here even if the mask child-peak was started with held them.
    sigprocmask(SIG_UNBLOCK, &held, NULL);
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    for (;;) {
        pid_t reaped = wait4(pid, &status, 0, &usage);
        if (reaped == pid) break;
        if (reaped < 0 && errno != EINTR) {
            perror("child-peak: wait4");
            return 127;
        }
    }
    FILE *out = fopen(file, "w");
    if (out == NULL || fprintf(out, "%lld\n", (long long)usage.ru_maxrss * 1024) < 0 || fclose(out) != 0) {
        fprintf(stderr, "child-peak: cannot write %s: %s\n", file, strerror(errno));
        return 127;
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        signal(sig, SIG_DFL);
        // No core file of child-peak for a child's crash.
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);
        kill(self, sig);
        return 128 + sig;  // only if the signal did not end child-peak (e.g. it is ignored)
    }
    return WEXITSTATUS(status);
}
