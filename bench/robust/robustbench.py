"""Side-by-side robustness figures of gokernel and ipykernel.

Both kernels are started by jupyter_client from their kernelspecs (found on
JUPYTER_PATH, see ./run) and sent the same student mistakes, written in
each kernel's language: a long line that does not compile, a single huge
allocation and an append loop under an address-space cap (prlimit --as),
an interrupt during a sleep followed by a statement that must not run, a
child process left behind at shutdown, and the memory kept after printing
a 100 MB line. It prints one Markdown table (kernel/BENCHMARKS.md keeps
it). Each step has a deadline: a kernel that does not answer is reported,
not waited for.

Run with Debian's Python: /usr/bin/python3 bench/robust/robustbench.py.
"""

import argparse
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import time

from jupyter_client.manager import KernelManager

CAP = "4000000000"  # bytes of address space for the out-of-memory cases
DEADLINE = 120  # seconds a kernel may take to answer one step

# The same mistakes in each kernel's language.
CODE = {
    "gokernel": {
        "define": "x := 41",
        "check": "x + 1",
        "long": "@" * 20000,
        "huge": "big := make([]byte, 30<<30)",
        "append": "var data []byte\nchunk := make([]byte, 1<<20)\nfor {\n\tdata = append(data, chunk...)\n}",
        "release": "data = nil",
        "counter": "n := 0",
        "sleep": "time.Sleep(3 * time.Second)\nn++",
        "count": "n",
        "child": 'cmd := exec.Command("sleep", "300")\ncmd.Start()\ncmd.Process.Pid',
        "print": 'fmt.Println(strings.Repeat("x", 100<<20))',
        "imports": 'import (\n\t"fmt"\n\t"os/exec"\n\t"strings"\n\t"time"\n)',
    },
    "python3": {
        "define": "x = 41",
        "check": "x + 1",
        "long": "@" * 20000,
        "huge": "big = bytearray(30 << 30)",
        "append": "data = bytearray()\nchunk = bytes(1 << 20)\nwhile True:\n    data += chunk",
        "release": "data = None",
        "counter": "n = 0",
        "sleep": "time.sleep(3)\nn += 1",
        "count": "n",
        "child": 'p = subprocess.Popen(["sleep", "300"])\np.pid',
        "print": 'print("x" * (100 << 20))',
        "imports": "import subprocess, time",
    },
}


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


class Session:
    """A started kernel and a blocking client."""

    def __init__(self, name):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(stderr=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=DEADLINE)
        self.pid = self.km.provisioner.process.pid

    def run(self, code, on_busy=None):
        """Executes code; returns (status, seconds, text output, error name)."""
        msg_id = self.kc.execute(code)
        t0 = time.monotonic()
        out, ename, status = [], "", None
        while True:
            left = DEADLINE - (time.monotonic() - t0)
            if left <= 0:
                return "no answer", time.monotonic() - t0, "".join(out), ename
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                if not self.km.is_alive():
                    return "died", time.monotonic() - t0, "".join(out), ename
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t, c = msg["msg_type"], msg["content"]
            if t == "execute_input" and on_busy:
                on_busy()
            elif t == "stream":
                out.append(c["text"])
            elif t in ("execute_result", "display_data"):
                out.append(c["data"].get("text/plain", ""))
            elif t == "error":
                ename = c["ename"]
            elif t == "status" and c["execution_state"] == "idle":
                break
        while status is None:
            try:
                reply = self.kc.get_shell_msg(timeout=DEADLINE)
            except queue.Empty:
                status = "no reply"
                break
            if reply["parent_header"].get("msg_id") == msg_id:
                status = reply["content"]["status"]
        return status, time.monotonic() - t0, "".join(out), ename

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def outcome(s, res, check_state=True):
    status, secs, _, ename = res
    if status in ("died", "no answer"):
        alive_after = s.km.is_alive()
        return f"{status} after {secs:.1f} s" + ("" if alive_after else ", kernel dead, session lost")
    kept = ""
    if check_state:
        st = s.run(CODE_OF[s.name]["check"])
        kept = ", state kept" if st[2].strip() == "42" else f", state LOST ({st[0]})"
    return f"{status} {ename} in {secs:.2f} s{kept}".replace("  ", " ")


CODE_OF = {}


def measure(name, capped_name):
    code = CODE[name]
    rows = {}
    # Long line, interrupt, child process, memory given back: no cap.
    s = Session(name)
    s.name = name
    s.run(code["imports"])
    s.run(code["define"])
    idle = rss_mib(s.pid)
    rows["idle RSS"] = f"{idle:.0f} MiB"
    res = s.run(code["long"])
    rows["one line of 20,000 `@`"] = outcome(s, res) + f", RSS {rss_mib(s.pid):.0f} MiB"
    s.run(code["counter"])
    res = s.run(code["sleep"], on_busy=lambda: (time.sleep(0.5), s.km.interrupt_kernel()))
    after = s.run(code["count"])[2].strip()
    rows["interrupt 0.5 s into a 3 s sleep followed by `n++`: reply after, n"] = (
        f"{res[0]} {res[3]} after {res[1]:.2f} s, n = {after}" + (" (the statement after the sleep ran)" if after == "1" else ""))
    st, _, out, _ = s.run(code["print"])
    rows["RSS after printing a 100 MB line (top level)"] = f"{rss_mib(s.pid):.0f} MiB ({rss_mib(s.pid) / idle:.1f}x idle)"
    st, _, out, _ = s.run(code["child"])
    child = int(out.strip().splitlines()[-1]) if out.strip() else 0
    s.close()
    deadline = time.monotonic() + 10
    while child and alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = child and alive(child)
    rows["child `sleep 300` after shutdown"] = "still running" if left else "gone"
    if left:
        os.kill(child, signal.SIGKILL)
    # Out of memory: under the cap.
    s = Session(capped_name)
    s.name = name
    s.run(code["define"])
    rows["one 30 GiB allocation (cap 4 GB): `make([]byte, 30<<30)`, `bytearray(30 << 30)`"] = outcome(s, s.run(code["huge"]))
    res = s.run(code["append"])
    rows["append 1 MiB chunks until full (cap 4 GB)"] = outcome(s, res)
    if s.km.is_alive():
        s.run(code["release"])
        s.close()
    return rows


def install_capped(jupyter_path, name):
    """Writes kernelspec name-capped: name's argv run under prlimit --as."""
    src = os.path.join(jupyter_path, "kernels", name)
    if not os.path.isdir(src):
        src = os.path.join("/usr/share/jupyter/kernels", name)
    dst = os.path.join(jupyter_path, "kernels", name + "-capped")
    shutil.copytree(src, dst, dirs_exist_ok=True)
    with open(os.path.join(dst, "kernel.json")) as f:
        spec = json.load(f)
    spec["argv"] = ["prlimit", "--as=" + CAP] + spec["argv"]
    spec.setdefault("env", {})["GOKERNEL_MEMORY_LIMIT"] = ""
    with open(os.path.join(dst, "kernel.json"), "w") as f:
        json.dump(spec, f)
    return name + "-capped"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernels", default="gokernel,python3")
    args = ap.parse_args()
    jp = os.environ["JUPYTER_PATH"].split(os.pathsep)[0]
    names = args.kernels.split(",")
    CODE_OF.update(CODE)
    results = {}
    for n in names:
        results[n] = measure(n, install_capped(jp, n))
    labels = {"gokernel": "gokernel", "python3": "ipykernel"}
    print("| case | " + " | ".join(labels.get(n, n) for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for row in results[names[0]]:
        print(f"| {row} | " + " | ".join(results[n].get(row, "") for n in names) + " |")


if __name__ == "__main__":
    main()
