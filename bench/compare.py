#!/usr/bin/env python3
"""scn against ns-3 (issue 12, bench/README.md).

churn: both tools simulate the same churn (Poisson arrivals at --rate, 300 B request, 20 KiB
response then close, --delay one way) for several connection counts; each tool times its own
simulation loop and prints a `bench-result` line; this script also times each whole process.
linear: scn alone, every size timed in each round of the same JVM (scn bench --connections
       a,b,c); a doubling is the ratio within one round, so it compares two workloads on one
       compilation at one moment of the machine.
hold:  the hold model (100,000 pending events, exponential increments of mean 100): ns-3 3.37's
own utils/bench-scheduler against scn's kernel under JMH (bench/jmh).

Prints the machine, the load average before each measurement and the tables. Needs the main
jar (mvn -B -DskipTests package at the top), bench/build-ns3.sh's binaries and, for hold, the
JMH jar (cd bench/jmh && mvn -B package); missing ones are built first.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BUILD = os.path.join(HERE, "build")
SCN_JAR = os.path.join(TOP, "target", "scn.jar")
# The JVM options the scn launcher runs with (its SCN_JAVA_OPTS default): scn is measured as it runs.
SCN_JVM = ["-XX:+UseParallelGC"]
CHURN = os.path.join(BUILD, "churn")
BENCH_SCHEDULER = os.path.join(BUILD, "bench-scheduler")
JMH_JAR = os.path.join(HERE, "jmh", "target", "benchmarks.jar")
RESULT = re.compile(r"^bench-result (.*)$", re.M)


def sh(cmd):
    """Output of a shell command, or '?' when it fails (a machine fact we could not read)."""
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine():
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    return [
        ("cpu", sh("lscpu | sed -n 's/^Model name:[[:space:]]*//p'")),
        ("cores online (nproc)", sh("nproc")),
        ("threads per core", sh("lscpu | sed -n 's/^Thread(s) per core:[[:space:]]*//p'")),
        ("ram", "%.1f GiB" % (mem_kb / 1048576)),
        ("kernel", sh("uname -sr")),
        ("java", "; ".join(java) if java else "?"),
        ("g++", sh("g++ --version | head -1")),
        ("ns-3", "libns3-dev " + sh("dpkg-query -W -f='${Version}' libns3-dev")),
        ("load average at start", load()),
    ]


def timed(cmd):
    """Runs cmd; returns (whole-process wall s, whole-process CPU s (all threads), stdout, load before)."""
    before = load()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    if p.returncode != 0:
        sys.exit("compare: %s exited %d:\n%s%s" % (" ".join(cmd), p.returncode, p.stdout, p.stderr))
    return wall, cpu, p.stdout, before


def measured(r, wall, cpu, before):
    return dict(loop=float(r["loop_seconds"]), cpu=float(r["loop_cpu_seconds"]), proc=wall, proc_cpu=cpu,
                events=int(r["events"]), conns=int(r["connections"]), load=before)


def results(stdout):
    """The bench-result lines of a tool's output, as dicts of key=value."""
    return [dict(kv.split("=", 1) for kv in m.group(1).split()) for m in RESULT.finditer(stdout)]


def ensure_built(hold):
    if not os.path.exists(SCN_JAR):
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=TOP, check=True)
    need_scheduler = hold and not os.path.exists(BENCH_SCHEDULER)
    if not os.path.exists(CHURN) or need_scheduler:
        subprocess.run([os.path.join(HERE, "build-ns3.sh")] + (["--bench-scheduler"] if hold else []), check=True)
    if hold and not os.path.exists(JMH_JAR):
        subprocess.run(["mvn", "-B", "-q", "package"], cwd=os.path.join(HERE, "jmh"), check=True)


def churn(args):
    rows = {}
    delay_ms = int(re.fullmatch(r"(\d+)ms", args.delay).group(1))
    for n in sorted(set(args.ns3) | set(args.scn)):
        row = rows.setdefault(n, {})
        if n in args.ns3:
            wall, cpu, out, before = timed([CHURN, "--connections=%d" % n, "--rate=%g" % args.rate,
                                            "--delay=%dms" % delay_ms, "--bandwidth=" + args.bandwidth])
            row["ns3"] = measured(results(out)[0], wall, cpu, before)
            print("ns-3 %6d: loop %8.3f s, process %8.3f s, load %s" % (n, row["ns3"]["loop"], wall, before), flush=True)
        if n in args.scn:
            base = ["java", "-Xmx" + args.xmx] + SCN_JVM + ["-jar", SCN_JAR, "bench", "--connections", str(n),
                    "--rate", "%d" % args.rate, "--delay", args.delay]
            wall, cpu, out, before = timed(base)
            row["cold"] = measured(results(out)[0], wall, cpu, before)
            # Which code the JIT settles on differs from JVM to JVM (up to 1.6x here, bench/README),
            # so the warm figure is the median over --warm-jvms fresh JVMs of each one's median run,
            # as JMH forks for the same reason.
            per_jvm = []
            for _ in range(args.warm_jvms):
                wall, cpu, out, before = timed(base + ["--warmup", "--warmup-runs", str(args.warmup_runs),
                                                       "--warm-runs", str(args.warm_runs)])
                warm = sorted((x for x in results(out) if x["run"] == "warm"), key=lambda x: float(x["loop_seconds"]))
                per_jvm.append(measured(warm[len(warm) // 2], wall, cpu, before))
            per_jvm.sort(key=lambda m: m["loop"])
            row["warm"] = per_jvm[len(per_jvm) // 2]
            print("scn  %6d: cold loop %8.3f s (process %.3f s), warm loop %8.3f s (per JVM: %s), load %s"
                  % (n, row["cold"]["loop"], row["cold"]["proc"], row["warm"]["loop"],
                     " ".join("%.3f" % m["loop"] for m in per_jvm), row["warm"]["load"]), flush=True)
    return rows


def both(m, wall, cpu, spec="%.3f"):
    """'wall / cpu' of one measurement."""
    return "-" if not m else (spec + " / " + spec) % (m[wall], m[cpu])


def ratio(a, b, key):
    """a / b of one key, with two decimals when small (a ratio below 1 must not print as 0)."""
    if not a or not b:
        return "-"
    r = a[key] / b[key]
    return "%.2f" % r if r < 10 else "%.0f" % r


def doubling(rows, n, tool):
    half = rows.get(n // 2, {}).get(tool) if n % 2 == 0 else None
    if not half or tool not in rows[n]:
        return "-"
    return "%.2f / %.2f" % (rows[n][tool]["loop"] / half["loop"], rows[n][tool]["cpu"] / half["cpu"])


def churn_table(rows, args):
    print("\n## churn: %g connections/s, 300 B request, 20 KiB response then close, %s one way"
          % (args.rate, args.delay))
    print("""
Each cell with a slash is 'wall / CPU' in seconds. loop = the tool's own simulation loop (ns-3's
Simulator::Run(), scn's event loop), wall time and the CPU time of the thread that runs it;
process = the whole process as this script saw it, wall time and CPU time of all its threads.
scn cold = one run in a fresh JVM (java -jar, no warm-up: its loop includes class loading and
JIT compilation); scn warm = the median of --warm-runs timed runs after --warmup-runs runs of the
same workload in one JVM (scn bench --warmup --warmup-runs N --warm-runs K), and of those the
median over --warm-jvms fresh JVMs.
conn/s = connections / loop wall. x2 = loop(N) / loop(N/2), wall / CPU. ratio = ns-3 loop /
scn loop (times faster), on wall and on CPU time.
""")
    head = ("| N | ns-3 loop | ns-3 process | ns-3 events | ns-3 conn/s | ns-3 x2 | scn cold loop | scn cold process"
            " | scn warm loop | scn events | scn warm conn/s | scn warm x2 | ratio cold wall / CPU"
            " | ratio warm wall / CPU | load before (ns-3; scn cold; scn warm) |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for n in sorted(rows):
        r = rows[n]
        ns3, cold, warm = r.get("ns3"), r.get("cold"), r.get("warm")
        cells = [str(n),
                 both(ns3, "loop", "cpu"), both(ns3, "proc", "proc_cpu"), "%d" % ns3["events"] if ns3 else "-",
                 "%.0f" % (ns3["conns"] / ns3["loop"]) if ns3 else "-", doubling(rows, n, "ns3"),
                 both(cold, "loop", "cpu"), both(cold, "proc", "proc_cpu"),
                 both(warm, "loop", "cpu"), "%d" % warm["events"] if warm else "-",
                 "%.0f" % (warm["conns"] / warm["loop"]) if warm else "-", doubling(rows, n, "warm"),
                 ratio(ns3, cold, "loop") + " / " + ratio(ns3, cold, "cpu"),
                 ratio(ns3, warm, "loop") + " / " + ratio(ns3, warm, "cpu"),
                 "; ".join(x["load"] if x else "-" for x in (ns3, cold, warm))]
        print("| " + " | ".join(cells) + " |")
    print("\nconnections completed (ns-3: the client read the whole response; scn: SYNs the pool sent):")
    for n in sorted(rows):
        r = rows[n]
        print("  N=%d: ns-3 %s, scn %s" % (n, r["ns3"]["conns"] if "ns3" in r else "-",
                                          r["cold"]["conns"] if "cold" in r else "-"))


def linearity(args):
    """Each of --warm-jvms fresh JVMs runs every size in turn, round after round. A doubling is
    the ratio of two sizes within one round (run seconds apart, on one compilation), and x2 is
    the median of that ratio over every timed round of every JVM: a JVM that settled slower, or
    a slow phase of the machine, scales both sizes of a round alike. The loop per size is the
    median over the JVMs of each one's median round, as in the churn table."""
    sizes = args.linear
    cmd = ["java", "-Xmx" + args.xmx] + SCN_JVM + ["-jar", SCN_JAR, "bench", "--connections", ",".join(map(str, sizes)),
           "--rate", "%d" % args.rate, "--delay", args.delay, "--warmup", "--warmup-runs", str(args.linear_warmup),
           "--warm-runs", str(args.linear_runs)]
    per_jvm = {n: [] for n in sizes}
    ratios = {n: [] for n in sizes}
    loads = []
    for _ in range(args.warm_jvms):
        _, _, out, before = timed(cmd)
        loads.append(before)
        warm = [r for r in results(out) if r["run"] == "warm"]
        # scn bench prints the sizes of a round in the order given, round after round
        rounds = [warm[i:i + len(sizes)] for i in range(0, len(warm), len(sizes))]
        for r in rounds:
            loop = {int(x["asked"]): float(x["loop_seconds"]) for x in r}
            for n in sizes:
                if n % 2 == 0 and n // 2 in loop:
                    ratios[n].append(loop[n] / loop[n // 2])
        for n in sizes:
            loops = sorted(float(r["loop_seconds"]) for r in warm if int(r["asked"]) == n)
            per_jvm[n].append(loops[len(loops) // 2])
    print("\n## linearity: scn, every size in each round of one JVM (%d warm-up rounds, %d timed rounds per JVM,"
          " %d JVMs; load before each JVM: %s)" % (args.linear_warmup, args.linear_runs, args.warm_jvms, "; ".join(loads)))
    print("\nx2 = loop(N) / loop(N/2) within each timed round, median over all rounds (lowest and highest in"
          " brackets); loop = each JVM's median round, then the median of the JVMs.\n")
    print("| N | warm loop per JVM (s) | median (s) | µs per connection | x2, median of %d rounds [lowest, highest] |"
          % (args.linear_runs * args.warm_jvms))
    print("|---|---|---|---|---|")
    for n in sizes:
        median = sorted(per_jvm[n])[len(per_jvm[n]) // 2]
        r = sorted(ratios[n])
        x2 = "%.2f [%.2f, %.2f]" % (r[len(r) // 2], r[0], r[-1]) if r else "-"
        print("| %d | %s | %.4f | %.1f | %s |" % (n, " ".join("%.4f" % x for x in per_jvm[n]), median, median / n * 1e6, x2))


def hold(args):
    print("\n## hold model: 100000 pending events, exponential increments (mean 100 time units)")
    before = load()
    p = subprocess.run([BENCH_SCHEDULER, "--heap", "--map", "--cal", "--pri", "--runs=%d" % args.ns3_runs],
                       capture_output=True, text=True, check=True)
    ns3 = {}
    scheduler = None
    for line in p.stdout.splitlines():
        if line.startswith("ns3::"):
            scheduler = line.split(":")[2].split()[0] if line.startswith("ns3::") else None
            scheduler = line.strip()
        elif line.startswith("average") and scheduler:
            ns3[scheduler] = float(line.split()[5])
    print("ns-3 bench-scheduler (simulation phase, average of %d runs; load before: %s):" % (args.ns3_runs, before))
    for name, rate in ns3.items():
        print("  %-40s %12.0f events/s" % (name, rate))
    before = load()
    out = os.path.join(BUILD, "jmh-hold.json")
    cmd = ["java", "-cp", JMH_JAR + os.pathsep + SCN_JAR, "org.openjdk.jmh.Main", r"dev\.scn\.bench\..*HoldBenchmark",
           "-rf", "json", "-rff", out] + args.jmh.split()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL if not args.verbose else None)
    with open(out) as f:
        jmh = json.load(f)
    print("scn JMH (load before: %s):" % before)
    for b in jmh:
        m = b["primaryMetric"]
        name = ".".join(b["benchmark"].split(".")[-2:])
        if name.startswith("FlatHeap"):
            name += " (reference heap, not scn's kernel)"
        print("  %-40s %12.0f ± %.0f events/s (pending %s, mean %s)" % (
            name, m["score"], m["scoreError"], b["params"]["pending"], b["params"]["mean"]))
        for sched, rate in ns3.items():
            print("    / %-36s %6.2f x" % (sched, m["score"] / rate))
    print("load after: %s" % load())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ns3", default="1000,2000,4000", help="connection counts for ns-3 (and scn)")
    ap.add_argument("--scn", default="1000,2000,4000,8000,16000,100000", help="connection counts for scn")
    ap.add_argument("--rate", type=int, default=50)
    ap.add_argument("--delay", default="40ms")
    ap.add_argument("--bandwidth", default="1Gbps", help="ns-3 only: scn has no bandwidth model")
    ap.add_argument("--xmx", default="1g", help="scn's heap")
    ap.add_argument("--warmup-runs", type=int, default=40,
                    help="scn warm: runs of the same workload in the JVM before the timed ones (the JIT settles)")
    ap.add_argument("--warm-jvms", type=int, default=3,
                    help="fresh JVMs for the scn warm figure; their median is reported")
    ap.add_argument("--warm-runs", type=int, default=5,
                    help="scn warm: timed runs after the warm-up; the median loop is reported")
    ap.add_argument("--linear", default="1000,2000,4000,8000,16000,32000",
                    help="connection counts for the linearity part (scn only, all in one JVM)")
    ap.add_argument("--linear-warmup", type=int, default=10, help="linearity: warm-up rounds of all sizes per JVM")
    ap.add_argument("--linear-runs", type=int, default=5, help="linearity: timed rounds per JVM; the median is reported")
    ap.add_argument("--only", choices=["churn", "linear", "hold"], help="one part only")
    ap.add_argument("--ns3-runs", type=int, default=5, help="bench-scheduler runs per scheduler")
    ap.add_argument("--jmh", default="", help="extra JMH options, e.g. '-f 1 -wi 3 -i 5'")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    args.ns3 = [int(x) for x in args.ns3.split(",") if x]
    args.scn = [int(x) for x in args.scn.split(",") if x]
    args.linear = [int(x) for x in args.linear.split(",") if x]
    ensure_built(args.only in (None, "hold"))
    print("## machine")
    for k, v in machine():
        print("- %s: %s" % (k, v))
    if args.only in (None, "churn"):
        churn_table(churn(args), args)
    if args.only in (None, "linear"):
        linearity(args)
    if args.only in (None, "hold"):
        hold(args)


if __name__ == "__main__":
    main()
