"""jupyter-console (Debian's, run with /usr/bin/python3) against gokernel,
typed into a real pseudo-terminal as a user would (see terminal.py).

Run it with test/console/run (or `make test-console`), which builds gokernel,
installs its kernelspec into a temporary prefix and sets JUPYTER_PATH and
GOKERNEL_BIN. Two console sessions:

- the full prompt_toolkit interface: continuation prompts from is_complete,
  pasted multi-line cells, state across inputs, Out[n], streamed stdout, a
  panic with its traceback, Go reading stdin through input_request, Tab
  completion, Ctrl-D and the kernel process gone afterwards;
- --simple-prompt for Ctrl-C. jupyter-console 6.4.4 under Python 3.11 does
  not forward Ctrl-C to any kernel (ipykernel included) in the
  prompt_toolkit interface: asyncio puts back Python's default SIGINT
  handler after the first prompt, so Ctrl-C prints "KeyboardInterrupt
  escaped interact()" and the cell keeps running (jupyter_console issue
  296). The simple prompt keeps the console's handler, which sends
  interrupt_request to the kernel.

One protocol check (jupyter_client, no console) shows that the "Name: " the
console prints before reading comes as the input_request's prompt, not as
a stream.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

from terminal import Failure, Terminal, cell_text, children, processes_of, running

CONSOLE = ["/usr/bin/python3", "/usr/bin/jupyter-console", "--kernel", "gokernel"]
STARTUP = 60  # seconds for the console and the kernel to come up (loaded machine)
CELL = 30     # seconds for any one input's output to appear
HANG = 300    # last-resort bound on waiting for a process to end (an event)

SCANLN = 'var name string; fmt.Print("Name: "); fmt.Scanln(&name); fmt.Println("hi", name)'


class Session:
    """One jupyter-console in a terminal and the gokernel process it started."""

    def __init__(self, socket, name, extra_args, exe):
        self.exe = exe
        # The shell reports the console's exit status on the screen (tmux
        # does not always reap a pane's program, so its own status can stay
        # unknown).
        self.term = Terminal(socket, name, ["sh", "-c", 'trap : INT; "$@"; echo "[console exit status $?]"', "sh"]
                             + CONSOLE + extra_args)
        self.term.wait(r"^In \[1\]: ?$", "first prompt", STARTUP)
        consoles = children(self.term.pid())
        if len(consoles) != 1:
            raise Failure("expected the console as the shell's only child, found %s" % consoles,
                          self.term.screen())
        self.console = consoles[0]
        kernels = children(self.console, exe)
        if len(kernels) != 1:
            raise Failure("expected one gokernel child of the console, found %s" % kernels,
                          self.term.screen())
        self.kernel = kernels[0]

    def run(self, n, line):
        """Types one line at prompt n, presses Enter, waits for prompt n+1 and
        returns input n's part of the screen."""
        self.prompt_is(n)
        self.term.type(line)
        self.term.key("Enter")
        return self.next_prompt(n)

    def prompt_is(self, n):
        self.term.wait(r"^In \[%d\]: ?$" % n, "prompt In [%d]" % n, CELL,
                       text=lambda s: s.rstrip().rsplit("\n", 1)[-1] + "\n")

    def next_prompt(self, n):
        screen = self.term.wait(r"^In \[%d\]:" % (n + 1), "prompt In [%d] after input %d" % (n + 1, n),
                                CELL).string
        return cell_text(screen, n)

    def exit_with_ctrl_d(self):
        self.term.key("C-d")
        self.term.wait(r"Do you really want to exit \(\[y\]/n\)\?", "exit question", CELL)
        self.term.type("y")
        self.term.key("Enter")
        self.exited()

    def exited(self):
        """The console has exited with status 0, shutting its kernel down."""
        # The console's exit is an event (the pane's shell ends after
        # printing the status), not a time: wait for it, then read the status.
        screen = self.term.wait_dead("the console's exit", HANG)
        m = re.search(r"^\[console exit status (\d+)\]$", screen, re.M)
        expect(m is not None, "no console exit status on the screen", screen)
        expect(m.group(1) == "0", "console exit status %s" % m.group(1), screen)
        expect("Shutting down kernel" in screen, "no 'Shutting down kernel' at exit", screen)
        # jupyter_client has shut the kernel down (or killed it after its
        # shutdown_wait_time) before the console exited; under load the
        # process may take a moment to be reaped.
        deadline = time.monotonic() + HANG
        while running(self.kernel):
            if time.monotonic() > deadline:
                raise Failure("gokernel pid %d still running %ds after the console exited" % (self.kernel, HANG),
                              screen)
            time.sleep(0.1)
        expect(not running(self.console), "console pid %d still running" % self.console, screen)
        left = processes_of(self.exe)
        expect(not left, "gokernel processes left behind: %s" % left, screen)


def expect(ok, message, screen=""):
    if not ok:
        raise Failure(message, screen)


def contains(text, pattern, what):
    expect(re.search(pattern, text, re.M), "%s: /%s/ not in:\n%s" % (what, pattern, text))


# --- the prompt_toolkit interface ----------------------------------------------------------

def continuation_prompt(s):
    """An open func at the prompt continues (kernel is_complete says
    incomplete) instead of executing; closing it executes."""
    s.prompt_is(1)
    s.term.type("func square(n int) int {")
    s.term.key("Enter")
    # The continuation lines end in the four spaces of indent that
    # is_complete asks for, which the screen capture trims.
    s.term.wait(r"^In \[1\]: func square\(n int\) int \{\n +\.\.\.:", "continuation prompt after 'func square(n int) int {'", CELL)
    s.term.type("return n * n")
    s.term.key("Enter")
    s.term.wait(r"^ +\.\.\.: {5}return n \* n\n +\.\.\.:", "second continuation prompt, indented by four spaces (no ^I)", CELL)
    expect("In [2]" not in s.term.screen(), "the open func was executed", s.term.screen())
    s.term.type("}")
    s.term.key("Enter")
    out = s.next_prompt(1)
    expect(out.count("...:") == 2, "expected 2 continuation lines:\n" + out)
    for bad in ("error", "panic", "did not respond"):
        expect(bad not in out, "%r after the declaration:\n%s" % (bad, out))


def multiline_cell(s):
    """A pasted cell that declares a func and calls it, using the func of the
    previous input too."""
    s.prompt_is(2)
    s.term.paste('func double(n int) int {\n\treturn 2 * n\n}\nfmt.Println("double:", double(21), "square:", square(3))')
    s.term.wait(r'^ +\.\.\.: fmt\.Println\("double:"', "the pasted cell's last line", CELL)
    s.term.key("Enter")
    out = s.next_prompt(2)
    contains(out, r"^double: 42 square: 9$", "output of the pasted cell")


def state_and_out(s):
    """A variable from one input is used by a later one; a final expression
    shows as Out[n]."""
    out = s.run(3, "x := 40")
    expect("Out[" not in out, "a definition printed a result:\n" + out)
    out = s.run(4, "x + 2")
    contains(out, r"^Out\[4\]: 42$", "final expression")


def streamed_stdout(s):
    """Output printed early in a cell is on the screen while the cell still
    runs (the cell waits for a file the test creates only after seeing it)."""
    gofile = os.path.join(tempfile.mkdtemp(prefix="console-"), "go")
    s.prompt_is(5)
    s.term.paste('import (\n\t"os"\n\t"time"\n)\nfunc released(path string) bool {\n'
                 '\t_, err := os.Stat(path)\n\treturn err == nil\n}\nfmt.Println("waiting for the go file")\n'
                 'for i := 0; i < 3000 && !released(%s); i++ {\n\ttime.Sleep(10 * time.Millisecond)\n}\n'
                 'fmt.Println("released")' % json.dumps(gofile))
    s.term.wait(r'^ +\.\.\.: fmt\.Println\("released"\)', "the pasted cell's last line", CELL)
    s.term.key("Enter")
    s.term.wait(r"^waiting for the go file$", "first line of output while the cell runs", CELL,
                text=lambda sc: cell_text(sc, 5))
    screen = s.term.screen()
    expect("In [6]" not in screen and not re.search(r"^released$", cell_text(screen, 5), re.M),
           "the cell finished before the go file existed", screen)
    open(gofile, "w").close()
    out = s.next_prompt(5)
    contains(out, r"^waiting for the go file\nreleased$", "output after release")


def panic_traceback(s):
    """A runtime panic shows the panic value and a traceback through the
    cell's functions, each frame with its source line; the next input still
    runs with the old state."""
    s.prompt_is(6)
    s.term.paste('func inner() {\n\tpanic("boom")\n}\nfunc outer() {\n\tinner()\n}\nouter()')
    s.term.wait(r"^ +\.\.\.: outer\(\)", "the pasted cell's last line", CELL)
    s.term.key("Enter")
    out = s.next_prompt(6)
    contains(out, r"^panic: boom$", "panic value")
    contains(out, r'^ +at cell:2:\d+ in inner\n +panic\("boom"\)$', "traceback frame in inner")
    contains(out, r"^ +at cell:5:\d+ in outer\n +inner\(\)$", "traceback frame in outer")
    contains(out, r"^ +at cell:7:\d+\n +outer\(\)$", "traceback frame of the cell's call")
    out = s.run(7, "x")
    contains(out, r"^Out\[7\]: 40$", "state after the panic")


def stdin_prompt(s):
    """Go reading stdin: the console prints the prompt "Name: " (the
    input_request's prompt), the user types a name, the cell gets it."""
    s.prompt_is(8)
    s.term.type(SCANLN)
    s.term.key("Enter")
    s.term.wait(r"^Name:$", "the input prompt 'Name: '", CELL,
                text=lambda sc: sc.rstrip().rsplit("\n", 1)[-1] + "\n")
    s.term.type("Gopher")
    s.term.key("Enter")
    out = s.next_prompt(8)
    contains(out, r"^Name: Gopher\nhi Gopher$", "the prompt with the typed name, then the greeting")


def tab_completion(s):
    """Tab after fmt.Print lists Print, Printf, Println; after fmt.Printl it
    completes to fmt.Println."""
    s.prompt_is(9)
    s.term.type("fmt.Print")
    s.term.key("Tab")
    menu = lambda sc: sc.split("In [9]: fmt.Print", 1)[-1]
    for name in ("Printf", "Println"):
        s.term.wait(r"^ +%s *$" % name, "%s in the completion menu" % name, CELL, text=menu)
    s.term.key("C-c")  # clears the input line
    s.prompt_is(9)
    s.term.type("fmt.Printl")
    s.term.key("Tab")
    s.term.wait(r"^In \[9\]: fmt\.Println$", "fmt.Printl completed to fmt.Println", CELL)
    s.term.type('("completed")')
    s.term.key("Enter")
    out = s.next_prompt(9)
    contains(out, r'^In \[9\]: fmt\.Println\("completed"\)\ncompleted$', "the completed call's output")


def exit_ui(s):
    """Ctrl-D, then y: the console exits 0 and its gokernel process is gone;
    the kernel answered every is_complete in time."""
    expect("did not respond" not in s.term.screen(),
           "the console gave up on the kernel's is_complete", s.term.screen())
    s.exit_with_ctrl_d()


# --- the simple prompt: Ctrl-C ---------------------------------------------------------------

def interrupt(s):
    """Ctrl-C during an endless loop interrupts the cell with a message; the
    variables defined before keep their values."""
    s.run(1, "n := 7")
    s.prompt_is(2)
    s.term.type('fmt.Println("spinning"); for {}')
    s.term.key("Enter")
    s.term.wait(r"^spinning$", "output before the endless loop", CELL, text=lambda sc: cell_text(sc, 2))
    expect("In [3]" not in s.term.screen(), "the endless loop ended by itself", s.term.screen())
    s.term.key("C-c")
    out = s.next_prompt(2)
    contains(out, r"^\^?C?Interrupted\b", "interrupt message")
    out = s.run(3, "n")
    contains(out, r"^Out\[3\]: 7$", "state after the interrupt")


def exit_simple(s):
    """Typing exit, as in IPython, at the simple prompt: the kernel answers
    with an ask_exit payload, the console quits and the kernel process is
    gone."""
    s.term.type("exit")
    s.term.key("Enter")
    s.exited()


# --- protocol: the prompt is the input_request's ---------------------------------------------

def input_request_prompt():
    """What the console shows as the input prompt arrives as the
    input_request's prompt, not as stdout."""
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name="gokernel")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=STARTUP)
        msg_id = kc.execute(SCANLN, allow_stdin=True)
        req = kc.get_stdin_msg(timeout=CELL)
        expect(req["msg_type"] == "input_request", "expected input_request, got %s" % req["msg_type"])
        prompt = req["content"]["prompt"]
        kc.input("Gopher")
        streams = []
        while True:
            msg = kc.get_iopub_msg(timeout=CELL)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                streams.append((msg["content"]["name"], msg["content"]["text"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        expect(prompt == "Name: ", "input_request prompt is %r, streams %r" % (prompt, streams))
        expect("".join(t for n, t in streams if n == "stdout") == "hi Gopher\n",
               "stdout streams %r" % streams)
    finally:
        kc.stop_channels()
        km.shutdown_kernel()


def main():
    exe = os.path.realpath(os.environ["GOKERNEL_BIN"])
    sockets = tempfile.mkdtemp(prefix="console-tmux-")
    sessions = [
        ("prompt_toolkit interface", "ui", [], [continuation_prompt, multiline_cell, state_and_out,
                                               streamed_stdout, panic_traceback, stdin_prompt,
                                               tab_completion, exit_ui]),
        ("--simple-prompt", "simple", ["--simple-prompt"], [interrupt, exit_simple]),
    ]
    passed = failed = 0
    start = time.monotonic()

    def report(name, err, t0):
        nonlocal passed, failed
        if err is None:
            passed += 1
            print("ok    %-40s %5.1fs" % (name, time.monotonic() - t0), flush=True)
            return
        failed += 1
        print("FAIL  %s: %s" % (name, err), flush=True)
        screen = getattr(err, "screen", "")
        if screen:
            print("      screen (last 40 lines):")
            for line in screen.rstrip().splitlines()[-40:]:
                print("      | " + line)
        sys.stdout.flush()

    for title, name, args, checks in sessions:
        t0 = time.monotonic()
        try:
            s = Session(os.path.join(sockets, name), name, args, exe)
        except Exception as err:  # noqa: BLE001 - reported, the next session still runs
            report("%s: start" % title, err, t0)
            subprocess.run(["tmux", "-S", os.path.join(sockets, name), "kill-server"], capture_output=True)
            continue
        try:
            for i, check in enumerate(checks):
                t0 = time.monotonic()
                try:
                    check(s)
                except Exception as err:  # noqa: BLE001 - reported, the rest skipped
                    report("%s: %s" % (title, check.__name__), err, t0)
                    for rest in checks[i + 1:]:
                        print("skip  %s: %s (after the failure above)" % (title, rest.__name__))
                        failed += 1
                    break
                report("%s: %s" % (title, check.__name__), None, t0)
        finally:
            s.term.close()
            if running(s.kernel):
                os.kill(s.kernel, 15)
    t0 = time.monotonic()
    try:
        input_request_prompt()
        report("protocol: input_request_prompt", None, t0)
    except Exception as err:  # noqa: BLE001 - reported as a failed check
        if not isinstance(err, Failure):
            traceback.print_exc()
        report("protocol: input_request_prompt", err, t0)
    for pid in processes_of(exe):  # only this run's binary: a kernel a failed session left
        os.kill(pid, 15)
    print("console: %d passed, %d failed (%.0fs)" % (passed, failed, time.monotonic() - start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
