#!/usr/bin/env python3
"""Map steptrace offsets to function symbols.

  mapsyms.py funcs TARGET OUT_BPLIST            -> hex start offsets of all FUNC symbols in exec sections
  mapsyms.py map TARGET OFFSETS OUTDIR [STATS]  -> OUTDIR/order.txt, OUTDIR/summary.txt, OUTDIR/order_detail.tsv

Symbols come from `readelf -sW` (.symtab): type FUNC, defined, inside an SHF_EXECINSTR section.
(Only FUNC symbols are used: NOTYPE symbols in .text here are mostly asm data labels.)
Offsets are from the first PT_LOAD (file offset 0, checked): symbol addresses minus its p_vaddr,
which is 0 in a PIE. Section addresses (only for naming unmatched offsets) are not shifted.
"""
import bisect, collections, re, subprocess, sys


def sh(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def exec_sections(target):
    secs = {}
    for line in sh("readelf", "-SW", target).splitlines():
        m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+(\S*)", line)
        if m and "X" in m.group(5):
            secs[int(m.group(1))] = (m.group(2), int(m.group(3), 16), int(m.group(4), 16))
    return secs


def first_load_address(target):
    """The first PT_LOAD's virtual address: 0 in a PIE, 0x200000 or so in a -no-pie executable.
    steptrace reports offsets from where that segment (file offset 0) is mapped."""
    for line in sh("readelf", "-lW", target).splitlines():
        f = line.split()
        if f and f[0] == "LOAD":
            assert int(f[1], 16) == 0, "first PT_LOAD not at file offset 0"
            return int(f[2], 16)


def func_symbols(target, load_address):
    secs = exec_sections(target)
    syms = []  # (addr, size, bind, name)
    for line in sh("readelf", "-sW", target).splitlines():
        f = line.split(None, 7)
        if len(f) < 8 or not f[0].endswith(":") or f[3] != "FUNC":
            continue
        if not f[6].isdigit() or int(f[6]) not in secs:
            continue
        size = int(f[2], 0) if f[2].startswith("0x") else int(f[2])
        syms.append((int(f[1], 16) - load_address, size, f[4], f[7]))
    # readelf -W in symtab mode may append "[...]" only when truncating; -W avoids that.
    return syms, secs


def build_funcs(syms):
    """One entry per distinct start address; primary name = prefer GLOBAL/WEAK, then longest size."""
    byaddr = collections.defaultdict(list)
    for a, s, b, n in syms:
        byaddr[a].append((s, b, n))
    starts = sorted(byaddr)
    funcs = []
    for i, a in enumerate(starts):
        cands = byaddr[a]
        cands.sort(key=lambda c: (c[1] == "LOCAL", -c[0], c[2]))
        size = max(c[0] for c in cands)
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        if size == 0 and nxt is not None:
            size = nxt - a  # sizeless symbol: extend to next symbol
        funcs.append((a, size, cands[0][2], cands[0][1], [c[2] for c in cands[1:]]))
    return funcs


def merge(out, files):
    """Union of several first-seen offset lists: the first run's order; an offset not seen yet is
    inserted right after the offset that preceded it in the run where it was first seen."""
    merged = []
    for fn in files:
        seq = [l.split()[0] for l in open(fn) if l.strip()]
        have = set(merged)
        after = collections.defaultdict(list)
        anchor = None
        for o in seq:
            if o not in have:
                after[anchor].append(o)
                have.add(o)
            anchor = o
        new = []
        stack = list(reversed(after[None])) + list(reversed(merged)) if not merged else list(reversed(merged))
        if merged:
            stack += list(reversed(after[None]))  # new items before any known one go first
        while stack:
            o = stack.pop()
            new.append(o)
            stack.extend(reversed(after.get(o, [])))
        merged = new
    with open(out, "w") as f:
        f.write("".join(o + "\n" for o in merged))
    print("merged %d runs -> %d offsets" % (len(files), len(merged)))


def main():
    if sys.argv[1] == "merge":
        return merge(sys.argv[2], sys.argv[3:])
    cmd, target = sys.argv[1], sys.argv[2]
    syms, secs = func_symbols(target, first_load_address(target))
    funcs = build_funcs(syms)
    if cmd == "funcs":
        with open(sys.argv[3], "w") as f:
            for a, *_ in funcs:
                f.write("%x\n" % a)
        print("wrote %d function start offsets" % len(funcs))
        return
    assert cmd == "map"
    offsets_file, outdir = sys.argv[3], sys.argv[4]
    stats = {}
    if len(sys.argv) > 5:
        for line in open(sys.argv[5]):
            k, _, v = line.strip().partition(" ")
            stats[k] = v
    starts = [f[0] for f in funcs]
    offs = []
    for line in open(offsets_file):
        p = line.split()
        if p:
            offs.append(int(p[0], 16))

    name_addrs = collections.defaultdict(set)
    for a, _, _, n in syms:
        name_addrs[n].add(a)
    name_count = {n: len(v) for n, v in name_addrs.items()}  # distinct addresses per name
    order = []        # function indices in first-execution order
    seen = set()
    exec_offsets = collections.defaultdict(list)
    unmatched = []
    for o in offs:
        i = bisect.bisect_right(starts, o) - 1
        if i < 0 or o >= funcs[i][0] + max(funcs[i][1], 1):
            unmatched.append(o)
            continue
        exec_offsets[i].append(o)
        if i not in seen:
            seen.add(i)
            order.append(i)

    def secname(o):
        for n, a, s in secs.values():
            if a <= o < a + s:
                return n
        return "?"

    written = set()
    with open(outdir + "/order.txt", "w") as f:
        for i in order:  # unique names, first occurrence wins
            if funcs[i][2] not in written:
                written.add(funcs[i][2])
                f.write(funcs[i][2] + "\n")
    with open(outdir + "/order_detail.tsv", "w") as f:
        f.write("rank\toffset\tsize\tbind\tname\taliases\n")
        for r, i in enumerate(order):
            a, s, n, b, al = funcs[i]
            f.write("%d\t0x%x\t%d\t%s\t%s\t%s\n" % (r, a, s, b, n, ",".join(al)))

    total_size = sum(funcs[i][1] for i in order)
    pages_exec = {o >> 12 for i in order for o in exec_offsets[i]}
    win_exec = {o >> 16 for i in order for o in exec_offsets[i]}
    pages_ext, win_ext = set(), set()
    for i in order:
        a, s = funcs[i][0], max(funcs[i][1], 1)
        pages_ext.update(range(a >> 12, ((a + s - 1) >> 12) + 1))
        win_ext.update(range(a >> 16, ((a + s - 1) >> 16) + 1))
    dup_names = sorted({funcs[i][2] for i in order if name_count[funcs[i][2]] > 1})
    local_cnt = sum(1 for i in order if funcs[i][3] == "LOCAL")
    alias_cnt = sum(1 for i in order if funcs[i][4])
    text = secs.get(min(secs, key=lambda k: 0 if secs[k][0] == ".text" else 1))
    unm_sec = collections.Counter(secname(o) for o in unmatched)

    lines = []
    for k in ("mode", "from_entry", "stop_reason", "steps", "steps_outside_exe", "wall_seconds",
              "unique_offsets", "max_threads", "threads_seen", "breakpoints", "bp_hits", "bp_races", "syscall_stops"):
        if k in stats:
            lines.append("%s %s" % (k, stats[k]))
    lines += [
        "unique_functions %d" % len(order),
        "functions_total_size_bytes %d" % total_size,
        "pages_4k_by_executed_offsets %d" % len(pages_exec),
        "windows_64k_by_executed_offsets %d" % len(win_exec),
        "pages_4k_by_function_extents %d" % len(pages_ext),
        "windows_64k_by_function_extents %d" % len(win_ext),
        "text_section_pages_4k %d" % ((text[2] + 4095) // 4096),
        "function_symbols_in_binary %d" % len(funcs),
        "local_symbols_in_order %d" % local_cnt,
        "order_txt_lines %d" % len(written),
        "order_names_defined_at_several_addresses %d" % len(dup_names),
        "order_addresses_with_aliases %d" % alias_cnt,
        "recorded_offsets %d" % len(offs),
        "offsets_matching_no_function %d %s" % (len(unmatched), dict(unm_sec)),
    ]
    with open(outdir + "/summary.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(outdir + "/duplicate_names.txt", "w") as f:
        for n in dup_names:
            f.write("%s\t%d\n" % (n, name_count[n]))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
