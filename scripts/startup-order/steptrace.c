// steptrace: trace a target (PIE or not) from exec until a "ready" string appears in
// its stdout, recording the first-execution order of code offsets inside the
// target executable's own mappings.  All threads are traced (PTRACE_O_TRACECLONE).
//
// usage: steptrace [options] -- TARGET ARGS...
//   -o DIR     output dir (offsets.txt, trace_stats.txt, child.stdout, child.stderr)
//   -m MODE    step  : PTRACE_SINGLESTEP every thread, record every RIP (default)
//              block : PTRACE_SINGLEBLOCK (trap on taken branches, x86 BTF)
//              bp    : int3 at every function start listed in -b FILE (hex offsets);
//                      threads run freely (PTRACE_SYSCALL), each breakpoint fires
//                      once and is removed; records function entry order
//   -b FILE    breakpoint offsets (hex, one per line) for -m bp
//   -e         step/block: run freely until the ELF entry point, then start stepping
//   -t SEC     wall-time limit (default 300)
//   -n STEPS   step limit (default 2e9)
//   -r STR     ready string (default "listening on")
//   -c N       step/block: check the stdout file every N steps (default 256)
// offsets.txt: "hex_offset" per line in first-seen order (bp mode: "hex_offset thread_index").
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PTRACE_SINGLEBLOCK
#define PTRACE_SINGLEBLOCK 33
#endif
#define RIP_OFF offsetof(struct user_regs_struct, rip)

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// ---- thread table (open addressing on tid) ----
#define TMAX 8192
static pid_t tids[TMAX];
static int tidx[TMAX];            // thread creation index
static unsigned char tstate[TMAX]; // 0 empty, 1 live, 2 tombstone
static int tcount_total = 0;
static int tslot(pid_t t, int create) {
  unsigned h = (unsigned)t * 2654435761u % TMAX;
  int firstfree = -1;
  for (int i = 0; i < TMAX; i++) {
    int j = (h + i) % TMAX;
    if (tstate[j] == 0) { if (firstfree < 0) firstfree = j; break; }
    if (tstate[j] == 2) { if (firstfree < 0) firstfree = j; continue; }
    if (tids[j] == t) return j;
  }
  if (!create || firstfree < 0) return -1;
  tids[firstfree] = t; tstate[firstfree] = 1; tidx[firstfree] = tcount_total++;
  return firstfree;
}

// ---- ready-line detection on the child's stdout file ----
static int outfd;
static off_t outpos = 0;
static char rbuf[65536];
static size_t rlen = 0;
static const char *ready = "listening on";
static int check_ready(void) {
  struct stat st;
  if (fstat(outfd, &st) != 0 || st.st_size <= outpos) return 0;
  while (outpos < st.st_size) {
    if (rlen >= sizeof rbuf - 1) { // keep the tail
      size_t keep = 4096;
      memmove(rbuf, rbuf + rlen - keep, keep); rlen = keep;
    }
    ssize_t r = pread(outfd, rbuf + rlen, sizeof rbuf - 1 - rlen, outpos);
    if (r <= 0) break;
    outpos += r; rlen += r; rbuf[rlen] = 0;
    char *p = strstr(rbuf, ready); // require the whole line (ready string ... '\n')
    if (p && strchr(p, '\n')) return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *outdir = ".", *mode = "step", *bpfile = NULL;
  double tlimit = 300;
  unsigned long long maxsteps = 2000000000ULL;
  int from_entry = 0;
  unsigned checkevery = 256;
  int opt;
  while ((opt = getopt(argc, argv, "+o:m:b:et:n:r:c:")) != -1) {
    switch (opt) {
      case 'o': outdir = optarg; break;
      case 'm': mode = optarg; break;
      case 'b': bpfile = optarg; break;
      case 'e': from_entry = 1; break;
      case 't': tlimit = atof(optarg); break;
      case 'n': maxsteps = strtoull(optarg, 0, 10); break;
      case 'r': ready = optarg; break;
      case 'c': checkevery = atoi(optarg); if (!checkevery) checkevery = 1; break;
      default: fprintf(stderr, "bad option\n"); return 2;
    }
  }
  if (optind >= argc) { fprintf(stderr, "usage: %s [opts] -- TARGET ARGS...\n", argv[0]); return 2; }
  int m_step = !strcmp(mode, "step"), m_block = !strcmp(mode, "block"), m_bp = !strcmp(mode, "bp");
  if (!(m_step || m_block || m_bp)) { fprintf(stderr, "bad mode\n"); return 2; }
  if (m_bp && !bpfile) { fprintf(stderr, "-m bp needs -b FILE\n"); return 2; }
  char **targv = &argv[optind];
  char path[4096];

  snprintf(path, sizeof path, "%s/child.stdout", outdir);
  outfd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  snprintf(path, sizeof path, "%s/child.stderr", outdir);
  int errfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (outfd < 0 || errfd < 0) { perror("open out"); return 1; }

  pid_t child = fork();
  if (child < 0) { perror("fork"); return 1; }
  if (child == 0) {
    dup2(outfd, 1); dup2(errfd, 2);
    int nul = open("/dev/null", O_RDONLY); if (nul >= 0) dup2(nul, 0);
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) { perror("TRACEME"); _exit(127); }
    raise(SIGSTOP);
    execv(targv[0], targv);
    perror("execv");
    _exit(127);
  }
  close(errfd);

  int status;
  if (waitpid(child, &status, __WALL) < 0 || !WIFSTOPPED(status)) { fprintf(stderr, "child did not stop\n"); return 1; }
  if (ptrace(PTRACE_SETOPTIONS, child, 0,
             PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) < 0) { perror("SETOPTIONS"); return 1; }
  ptrace(PTRACE_CONT, child, 0, 0);
  for (;;) { // run (not step) the tracer-side pre-exec code until the exec event
    if (waitpid(child, &status, __WALL) < 0) { perror("waitpid"); return 1; }
    if (WIFEXITED(status) || WIFSIGNALED(status)) { fprintf(stderr, "child died before exec\n"); return 1; }
    if (WIFSTOPPED(status) && (status >> 8) == (SIGTRAP | (PTRACE_EVENT_EXEC << 8))) break;
    int sig = WSTOPSIG(status);
    ptrace(PTRACE_CONT, child, 0, (sig == SIGTRAP || sig == SIGSTOP) ? 0 : sig);
  }
  double t0 = now();

  // ---- target mapping range (maps lines whose path == /proc/PID/exe) ----
  char exe[4096];
  snprintf(path, sizeof path, "/proc/%d/exe", child);
  ssize_t n = readlink(path, exe, sizeof exe - 1);
  if (n < 0) { perror("readlink exe"); return 1; }
  exe[n] = 0;
  snprintf(path, sizeof path, "/proc/%d/maps", child);
  FILE *mf = fopen(path, "r");
  if (!mf) { perror("maps"); return 1; }
  uint64_t base = UINT64_MAX, hi = 0;
  char line[8192];
  while (fgets(line, sizeof line, mf)) {
    unsigned long lo_, hi_, off; char perms[8]; int pos = 0;
    if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %n", &lo_, &hi_, perms, &off, &pos) < 4) continue;
    char *p = line + pos; p[strcspn(p, "\n")] = 0;
    if (strcmp(p, exe) != 0) continue;
    if (off == 0 && lo_ < base) base = lo_;
    if (hi_ > hi) hi = hi_;
    fprintf(stderr, "map: %s\n", line);
  }
  fclose(mf);
  if (base == UINT64_MAX) { fprintf(stderr, "could not find base of %s\n", exe); return 1; }
  uint64_t span = hi - base;
  fprintf(stderr, "exe=%s base=0x%lx span=0x%lx mode=%s\n", exe, (unsigned long)base, (unsigned long)span, mode);

  snprintf(path, sizeof path, "/proc/%d/mem", child);
  int memfd = open(path, O_RDWR);
  if (memfd < 0) { perror("open mem"); return 1; }

  uint8_t *seen = calloc(span / 8 + 1, 1);
  size_t ocap = 1 << 20, ocnt = 0;
  uint32_t *order = malloc(ocap * sizeof *order);
  int32_t *othr = m_bp ? malloc(ocap * sizeof *othr) : NULL;
  if (!seen || !order) { perror("alloc"); return 1; }

  // ---- bp mode: plant int3 at each listed function start ----
  uint8_t *isbp = NULL, *origbyte = NULL;
  size_t nbp = 0;
  if (m_bp) {
    isbp = calloc(span / 8 + 1, 1);
    FILE *bf = fopen(bpfile, "r");
    if (!isbp || !bf) { perror("bpfile"); return 1; }
    size_t cap = 1 << 17; uint32_t *offs = malloc(cap * 4);
    unsigned long o;
    while (fscanf(bf, "%lx", &o) == 1) {
      if (o >= span || (isbp[o >> 3] & (1u << (o & 7)))) continue;
      isbp[o >> 3] |= 1u << (o & 7);
      if (nbp == cap) { cap *= 2; offs = realloc(offs, cap * 4); }
      offs[nbp++] = (uint32_t)o;
    }
    fclose(bf);
    // save original text (one read), then write int3s
    origbyte = malloc(span);
    if (pread(memfd, origbyte, span, base) != (ssize_t)span) {
      // fall back: read text mapping only, byte by byte for bp sites
      for (size_t i = 0; i < nbp; i++) pread(memfd, &origbyte[offs[i]], 1, base + offs[i]);
    }
    uint8_t cc = 0xCC;
    for (size_t i = 0; i < nbp; i++)
      if (pwrite(memfd, &cc, 1, base + offs[i]) != 1) { perror("plant bp"); return 1; }
    free(offs);
    fprintf(stderr, "planted %zu breakpoints\n", nbp);
  }

  // ---- optionally run freely to the ELF entry point (step/block modes) ----
  if (from_entry && !m_bp) {
    Elf64_Ehdr eh;
    int ef = open(exe, O_RDONLY);
    if (ef < 0 || pread(ef, &eh, sizeof eh, 0) != sizeof eh) { perror("read ehdr"); return 1; }
    close(ef);
    uint64_t ent = base + eh.e_entry; uint8_t ob, cc = 0xCC;
    pread(memfd, &ob, 1, ent); pwrite(memfd, &cc, 1, ent);
    ptrace(PTRACE_CONT, child, 0, 0);
    for (;;) {
      if (waitpid(child, &status, __WALL) < 0 || !WIFSTOPPED(status)) { fprintf(stderr, "lost child before entry\n"); return 1; }
      int sig = WSTOPSIG(status);
      if (sig == SIGTRAP && (status >> 16) == 0) {
        long rip = ptrace(PTRACE_PEEKUSER, child, RIP_OFF, 0);
        if ((uint64_t)rip - 1 == ent) {
          pwrite(memfd, &ob, 1, ent);
          ptrace(PTRACE_POKEUSER, child, RIP_OFF, ent);
          break;
        }
        sig = 0;
      }
      ptrace(PTRACE_CONT, child, 0, sig == SIGSTOP ? 0 : sig);
    }
    fprintf(stderr, "reached entry after %.3fs\n", now() - t0);
  }

  const int resume_req = m_step ? PTRACE_SINGLESTEP : m_block ? PTRACE_SINGLEBLOCK : PTRACE_SYSCALL;
  tslot(child, 1);
  int nthreads = 1, maxthreads = 1;
  unsigned long long steps = 0, outside = 0, signals = 0, clones = 0, sysstops = 0, bphits = 0, bpraces = 0;
  int stopreason = 0; // 1 ready, 2 time, 3 steps, 4 exited
  unsigned since_check = 0;

  if (ptrace(resume_req, child, 0, 0) < 0) { perror("first resume"); return 1; }
  for (;;) {
    pid_t t = waitpid(-1, &status, __WALL);
    if (t < 0) { if (errno == EINTR) continue; stopreason = 4; break; }
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
      int s = tslot(t, 0);
      if (s >= 0) { tstate[s] = 2; nthreads--; }
      if (t == child) { stopreason = 4; break; }
      continue;
    }
    if (!WIFSTOPPED(status)) continue;
    int sig = WSTOPSIG(status);
    int ev = status >> 16;
    int deliver = 0;
    int s = tslot(t, 0);
    if (s < 0) { // a new thread's first stop (may precede the parent's clone event)
      s = tslot(t, 1); nthreads++; if (nthreads > maxthreads) maxthreads = nthreads;
      if (sig == SIGSTOP) sig = 0;
    }
    int do_check = 0;
    if (sig == (SIGTRAP | 0x80)) { // syscall stop (bp mode)
      sysstops++; do_check = 1;
    } else if (sig == SIGTRAP && ev == 0) {
      if (m_bp) {
        long rip = ptrace(PTRACE_PEEKUSER, t, RIP_OFF, 0);
        uint64_t o = (uint64_t)rip - 1 - base;
        if (o < span && (isbp[o >> 3] & (1u << (o & 7)))) {
          if (!(seen[o >> 3] & (1u << (o & 7)))) {
            seen[o >> 3] |= 1u << (o & 7);
            pwrite(memfd, &origbyte[o], 1, base + o);
            if (ocnt == ocap) { ocap *= 2; order = realloc(order, ocap * 4); othr = realloc(othr, ocap * 4); }
            othr[ocnt] = tidx[s];
            order[ocnt++] = (uint32_t)o;
            bphits++;
          } else bpraces++; // another thread hit it before we removed it
          ptrace(PTRACE_POKEUSER, t, RIP_OFF, rip - 1);
        } else { deliver = SIGTRAP; signals++; } // genuine trap
      } else {
        errno = 0;
        long rip = ptrace(PTRACE_PEEKUSER, t, RIP_OFF, 0);
        if (errno == 0) {
          uint64_t o = (uint64_t)rip - base;
          if (o < span) {
            if (!(seen[o >> 3] & (1u << (o & 7)))) {
              seen[o >> 3] |= 1u << (o & 7);
              if (ocnt == ocap) { ocap *= 2; order = realloc(order, ocap * 4); if (!order) { perror("realloc"); return 1; } }
              order[ocnt++] = (uint32_t)o;
            }
          } else outside++;
        }
        steps++;
        if (++since_check >= checkevery) { since_check = 0; do_check = 1; }
      }
    } else if (sig == SIGTRAP) {
      if (ev == PTRACE_EVENT_CLONE) { unsigned long nt; ptrace(PTRACE_GETEVENTMSG, t, 0, &nt); clones++; }
      do_check = 1;
    } else if (sig == SIGSTOP || sig == 0) {
      deliver = 0;
    } else {
      deliver = sig; signals++;
    }
    if (do_check) {
      if (check_ready()) { stopreason = 1; break; }
      if (steps >= maxsteps) { stopreason = 3; break; }
      if (now() - t0 > tlimit) { stopreason = 2; break; }
    }
    ptrace(resume_req, t, 0, deliver); // ESRCH: thread vanished; exit will be reported
  }
  double t1 = now();
  kill(child, SIGKILL);
  while (waitpid(-1, &status, __WALL) > 0) {}

  snprintf(path, sizeof path, "%s/offsets.txt", outdir);
  FILE *of = fopen(path, "w");
  if (!of) { perror("offsets"); return 1; }
  for (size_t i = 0; i < ocnt; i++) {
    if (m_bp) fprintf(of, "%x %d\n", order[i], othr[i]);
    else fprintf(of, "%x\n", order[i]);
  }
  fclose(of);

  const char *why[] = {"?", "ready", "time-limit", "step-limit", "child-exited"};
  snprintf(path, sizeof path, "%s/trace_stats.txt", outdir);
  FILE *sf = fopen(path, "w");
  for (int k = 0; k < 2; k++) {
    FILE *f = k ? stderr : sf;
    if (!f) continue;
    fprintf(f, "mode %s\nfrom_entry %d\nstop_reason %s\nsteps %llu\nsteps_outside_exe %llu\nwall_seconds %.3f\n"
               "unique_offsets %zu\nclones %llu\nmax_threads %d\nthreads_seen %d\nsignals_delivered %llu\n"
               "syscall_stops %llu\nbreakpoints %zu\nbp_hits %llu\nbp_races %llu\nbase 0x%lx\n",
            mode, from_entry, why[stopreason], steps, outside, t1 - t0, ocnt, clones, maxthreads, tcount_total,
            signals, sysstops, nbp, bphits, bpraces, (unsigned long)base);
  }
  if (sf) fclose(sf);
  return stopreason == 1 ? 0 : 3;
}
