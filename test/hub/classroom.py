"""A JupyterHub classroom under load (make test-hub): N students each run a
notebook through the hub's proxy, at the same time, as their browsers would.

For every student, over HTTP and the kernel websocket only: the driver
creates the user and mints the student a token (the hub's REST API, with the
driver service's token); with that token the student starts their server,
uploads the notebook (contents API), opens a session with the gokernel
kernel and runs every code cell in order over
/user/<name>/api/kernels/<id>/channels, keeping the outputs as a frontend
would (update_display_data replaces in place, clear_output clears).

Checked: no error output or failed reply, the outputs of every student
identical in count per cell and per MIME type (and equal to the notebook's
*.expect.json mime_counts), one gokernel kernel per student, and no kernel
restart in the hub's log (the single-user servers log there). Printed: wall
time, each student's times and kernel RSS/PSS, and a summary line.

Usage: classroom.py --hub URL --token T --notebook NB --expect E --students N
       --homes DIR --log HUB_LOG [--json OUT]
"""

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import time
import uuid

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

CELL_TIMEOUT = 180  # seconds for one cell, far above its normal run


class StudentError(Exception):
    """What went wrong for one student."""


class Hub:
    """The hub's REST API and the single-user servers behind its proxy."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token
        self.http = AsyncHTTPClient(max_clients=200)

    async def call(self, method, path, token=None, body=None, ok=(200, 201, 202, 204)):
        req = HTTPRequest(
            self.url + path,
            method=method,
            headers={"Authorization": "token " + (token or self.token), "Content-Type": "application/json"},
            body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
            allow_nonstandard_methods=True,
            request_timeout=300,
        )
        resp = await self.http.fetch(req, raise_error=False)
        if resp.code not in ok:
            text = resp.body.decode(errors="replace")[:500] if resp.body else str(resp.error)
            raise StudentError(f"{method} {path}: HTTP {resp.code}: {text}")
        return json.loads(resp.body) if resp.body else None


def decode(raw):
    """A kernel message from a websocket frame: text is JSON; a binary frame
    (a message with buffers, e.g. a widget's comm message) is jupyter_server's
    framing: big-endian uint32 count n, n uint32 offsets, the JSON, the buffers."""
    if isinstance(raw, str):
        return json.loads(raw)
    n = int.from_bytes(raw[:4], "big")
    offsets = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(n)]
    end = offsets[1] if n > 1 else len(raw)
    return json.loads(raw[offsets[0]:end].decode("utf-8"))


def new_message(msg_type, content, session):
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "student",
            "session": session,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


class Outputs:
    """The outputs of one cell as a frontend keeps them."""

    def __init__(self):
        self.items = []
        self.clear_pending = False

    def add(self, msg, displays):
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if kind == "clear_output":
            if content.get("wait"):
                self.clear_pending = True
            else:
                self.items.clear()
            return
        if kind == "update_display_data":
            for out in displays.get(content.get("transient", {}).get("display_id"), []):
                out["data"] = content["data"]
            return
        if kind not in ("stream", "display_data", "execute_result", "error"):
            return
        if self.clear_pending:
            self.items.clear()
            self.clear_pending = False
        if kind == "stream":
            last = self.items[-1] if self.items else None
            if last and last["output_type"] == "stream" and last["name"] == content["name"]:
                last["text"] += content["text"]
            else:
                self.items.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            return
        out = {"output_type": kind, **{k: v for k, v in content.items() if k != "transient"}}
        self.items.append(out)
        display_id = content.get("transient", {}).get("display_id")
        if display_id:
            displays.setdefault(display_id, []).append(out)


async def run_student(hub, name, notebook, began):
    """Logs name in, starts their server, runs the notebook; returns a record."""
    rec = {"student": name}
    await hub.call("POST", f"/hub/api/users/{name}", ok=(201, 409))
    token = (await hub.call("POST", f"/hub/api/users/{name}/tokens", body={"note": "classroom"}))["token"]

    t0 = time.monotonic()
    await hub.call("POST", f"/hub/api/users/{name}/server", token=token, ok=(201, 202))
    while True:
        user = await hub.call("GET", f"/hub/api/users/{name}", token=token)
        server = user.get("servers", {}).get("")
        if server and server.get("ready"):
            break
        if not server or server.get("pending") not in ("spawn", None):
            raise StudentError(f"server of {name} did not start: {server}")
        await asyncio.sleep(0.25)  # polling the hub's API, as its spawn page does
    rec["spawn_s"] = time.monotonic() - t0

    base = f"/user/{name}"
    nb = json.load(open(notebook))
    path = os.path.basename(notebook)
    await hub.call("PUT", f"{base}/api/contents/{path}", token=token,
                   body={"type": "notebook", "format": "json", "content": nb})
    sess = await hub.call("POST", f"{base}/api/sessions", token=token,
                          body={"path": path, "type": "notebook", "name": path, "kernel": {"name": "gokernel"}})
    rec["kernel_id"] = sess["kernel"]["id"]

    ws_url = hub.url.replace("http", "ws", 1) + f"{base}/api/kernels/{rec['kernel_id']}/channels"
    ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": "token " + token}),
                                 max_message_size=256 * 1024 * 1024)
    session = uuid.uuid4().hex
    t1 = time.monotonic()
    cells = []
    displays = {}
    try:
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
                continue
            code = "".join(cell["source"])
            msg = new_message("execute_request", {"code": code, "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False,
                                                  "stop_on_error": True}, session)
            msg_id = msg["header"]["msg_id"]
            await ws.write_message(json.dumps(msg))
            outs = Outputs()
            reply, idle = None, False
            deadline = time.monotonic() + CELL_TIMEOUT
            while reply is None or not idle:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StudentError(f"{name}: cell {index + 1} did not finish in {CELL_TIMEOUT} s")
                raw = await asyncio.wait_for(ws.read_message(), left)
                if raw is None:
                    raise StudentError(f"{name}: the kernel websocket closed during cell {index + 1}")
                m = decode(raw)
                if m.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = m["header"]["msg_type"]
                if m["channel"] == "shell" and kind == "execute_reply":
                    reply = m["content"]
                elif kind == "status":
                    idle = m["content"]["execution_state"] == "idle"
                elif m["channel"] == "iopub":
                    outs.add(m, displays)
            errors = [o for o in outs.items if o["output_type"] == "error"]
            if reply.get("status") != "ok" or errors:
                what = errors[0] if errors else reply
                raise StudentError(f"{name}: cell {index + 1} failed: {what.get('ename')}: {what.get('evalue')}")
            cells.append(outs.items)
    finally:
        ws.close()
    rec["run_s"] = time.monotonic() - t1
    rec["finished_s"] = time.monotonic() - began
    rec["outputs_per_cell"] = [len(c) for c in cells]
    mimes = {}
    for c in cells:
        for o in c:
            for m in o.get("data", {}):
                mimes[m] = mimes.get(m, 0) + 1
    rec["mime_counts"] = mimes
    return rec


def kernel_memory(homes):
    """RSS, PSS (bytes) and CPU time used so far (s) of each running gokernel
    kernel whose connection file is below homes (the students' home
    directories; other kernels on the machine are not the class's), by
    kernel id."""
    found = {}
    for p in psutil.process_iter(["cmdline"]):
        cmd = p.info["cmdline"] or []
        if len(cmd) < 2 or os.path.basename(cmd[0]) != "gokernel" or cmd[1] != "kernel":
            continue
        conn = next((a for a in cmd if a.endswith(".json")), "")
        if not os.path.realpath(conn).startswith(homes + os.sep):
            continue
        m = re.search(r"kernel-([0-9a-f-]{36})\.json$", conn)
        try:
            mem = p.memory_full_info()
            cpu = p.cpu_times()
        except psutil.Error:
            continue
        found[m.group(1) if m else str(p.pid)] = (mem.rss, mem.pss, cpu.user + cpu.system)
    return found


def server_usage():
    """RSS, PSS (bytes) and CPU time used so far (s) of each student's
    single-user server, by name."""
    found = {}
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "jupyterhub-singleuser" not in cmd:
            continue
        try:
            user = p.environ().get("JUPYTERHUB_USER")
            mem = p.memory_full_info()
            cpu = p.cpu_times()
        except psutil.Error:
            continue
        if user:
            found[user] = (mem.rss, mem.pss, cpu.user + cpu.system)
    return found


def hub_usage(state):
    """RSS (bytes) and CPU time (s) of the hub and of its proxy, from the pid
    files jupyterhub_config.py puts in state."""
    found = {}
    for name, pidfile in (("hub", "jupyterhub.pid"), ("proxy", "proxy.pid")):
        try:
            p = psutil.Process(int(open(os.path.join(state, pidfile)).read()))
            cpu = p.cpu_times()
            found[name] = (p.memory_info().rss, cpu.user + cpu.system)
        except (OSError, ValueError, psutil.Error):
            pass
    return found


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hub", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--notebook", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--students", type=int, default=5)
    ap.add_argument("--homes", required=True, help="the directory of the students' home directories")
    ap.add_argument("--log", required=True, help="the hub's log, checked for kernel restarts")
    ap.add_argument("--json", help="write the records here")
    args = ap.parse_args()

    hub = Hub(args.hub, args.token)
    expect = json.load(open(args.expect))
    names = [f"student{i:02d}" for i in range(1, args.students + 1)]
    began = time.monotonic()
    results = await asyncio.gather(*(run_student(hub, n, args.notebook, began) for n in names),
                                   return_exceptions=True)
    wall = time.monotonic() - began
    memory = kernel_memory(os.path.realpath(args.homes))
    servers = server_usage()
    hub_proc = hub_usage(os.path.dirname(os.path.realpath(args.homes)))
    load = os.getloadavg()

    failures = []
    records = []
    for name, r in zip(names, results):
        if isinstance(r, BaseException):
            failures.append(f"{name}: {type(r).__name__}: {r}")
        else:
            records.append(r)

    print(f"{'':<10} {'':>8} {'':>7} {'':>10} {'':>8} {'--------- kernel ---------':>26} "
          f"{'--------- server ---------':>26}")
    print(f"{'student':<10} {'spawn s':>8} {'run s':>7} {'done at s':>10} {'outputs':>8} {'RSS MiB':>8} "
          f"{'PSS MiB':>8} {'CPU s':>8} {'RSS MiB':>8} {'PSS MiB':>8} {'CPU s':>8}")
    for r in records:
        rss, pss, cpu = memory.get(r["kernel_id"], (0, 0, 0))
        r["rss_mib"], r["pss_mib"], r["kernel_cpu_s"] = rss / 2**20, pss / 2**20, cpu
        srss, spss, scpu = servers.get(r["student"], (0, 0, 0))
        r["server_rss_mib"], r["server_pss_mib"], r["server_cpu_s"] = srss / 2**20, spss / 2**20, scpu
        print(f"{r['student']:<10} {r['spawn_s']:8.1f} {r['run_s']:7.1f} {r['finished_s']:10.1f} "
              f"{sum(r['outputs_per_cell']):8d} {r['rss_mib']:8.1f} {r['pss_mib']:8.1f} {r['kernel_cpu_s']:8.1f} "
              f"{r['server_rss_mib']:8.1f} {r['server_pss_mib']:8.1f} {r['server_cpu_s']:8.1f}")

    if records:
        first = records[0]
        for r in records[1:]:
            if r["outputs_per_cell"] != first["outputs_per_cell"] or r["mime_counts"] != first["mime_counts"]:
                failures.append(f"{r['student']}: outputs {r['outputs_per_cell']} {r['mime_counts']} differ from "
                                f"{first['student']}'s {first['outputs_per_cell']} {first['mime_counts']}")
        for mime, want in expect.get("mime_counts", {}).items():
            got = first["mime_counts"].get(mime, 0)
            if got != want:
                failures.append(f"{first['student']}: {got} {mime} outputs, the notebook's expectation is {want}")
        for r in records:
            if r["kernel_id"] not in memory:
                failures.append(f"{r['student']}: no running gokernel kernel {r['kernel_id']}")
        if len(memory) != len(names):
            failures.append(f"{len(memory)} gokernel kernels running for {len(names)} students")
    with open(args.log, errors="replace") as f:
        restarts = [line.rstrip() for line in f if re.search(r"restarting kernel|kernel died|KernelRestarter", line, re.I)]
    failures += [f"hub log: {line}" for line in restarts]

    if records:
        runs = [r["run_s"] for r in records]
        done = [r["finished_s"] for r in records]
        rss = [r["rss_mib"] for r in records]
        pss = [r["pss_mib"] for r in records]
        print(f"# {len(records)} students on {os.cpu_count()} cores: wall {wall:.1f} s; "
              f"notebook run median {statistics.median(runs):.1f} s, max {max(runs):.1f} s; "
              f"all done by {max(done):.1f} s; kernel RSS median {statistics.median(rss):.0f} MiB "
              f"(max {max(rss):.0f}), PSS median {statistics.median(pss):.0f} MiB (max {max(pss):.0f}); "
              f"server RSS median {statistics.median(r['server_rss_mib'] for r in records):.0f} MiB, "
              f"PSS median {statistics.median(r['server_pss_mib'] for r in records):.0f} MiB; "
              f"CPU per student: kernel {statistics.median(r['kernel_cpu_s'] for r in records):.1f} s, "
              f"server {statistics.median(r['server_cpu_s'] for r in records):.1f} s (medians); "
              f"load average {load[0]:.1f}")
        for name, (rss, cpu) in hub_proc.items():
            print(f"# {name}: RSS {rss / 2**20:.0f} MiB, CPU {cpu:.1f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"wall_s": wall, "cores": os.cpu_count(), "loadavg": load, "students": records,
                       "hub": {k: {"rss_mib": v[0] / 2**20, "cpu_s": v[1]} for k, v in hub_proc.items()},
                       "failures": failures}, f, indent=1)
    for line in failures:
        print("FAIL", line)
    failed = {n for n in names if any(f.startswith(n + ":") for f in failures)}
    print(f"hub: {len(names) - len(failed)} passed, {len(failed)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
