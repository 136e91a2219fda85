"""A program running in a real pseudo-terminal inside a private tmux server,
driven the way a user drives it: keys typed, text pasted, the rendered
screen read back (tmux does the terminal emulation, so what is checked is
what a user would see, not prompt_toolkit's escape sequences).
"""

import os
import re
import shlex
import subprocess
import time


class Failure(Exception):
    """A check failed; carries what was expected and the screen at the time."""

    def __init__(self, message, screen=""):
        super().__init__(message)
        self.screen = screen


class Terminal:
    """argv in a tmux server of its own, listening on socket."""

    def __init__(self, socket, name, argv, env=None, width=120, height=50):
        self.tmux = ["tmux", "-S", socket, "-f", "/dev/null"]
        self.name = name
        self.target = name + ":"
        # Every option is set before the pane exists: history-limit applies
        # to new panes only, and remain-on-exit keeps a finished program's
        # exit status readable.
        cmd = self.tmux + [
            "start-server", ";",
            "set-option", "-g", "history-limit", "50000", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
            "exec " + shlex.join(argv),
        ]
        subprocess.run(cmd, check=True, env=env)

    def _tmux(self, *args, text=None):
        out = subprocess.run(self.tmux + list(args), check=True, capture_output=True,
                             text=True, input=text)
        return out.stdout

    def type(self, text):
        """Types text literally (no key names)."""
        self._tmux("send-keys", "-t", self.target, "-l", text)

    def key(self, *names):
        """Presses keys by tmux name: Enter, Tab, C-c, C-d."""
        self._tmux("send-keys", "-t", self.target, *names)

    def paste(self, text):
        """Pastes text as a terminal does (bracketed paste when the program
        asked for it), so newlines inside it do not submit the input."""
        self._tmux("load-buffer", "-b", self.name, "-", text=text)
        self._tmux("paste-buffer", "-p", "-d", "-b", self.name, "-t", self.target)

    def screen(self):
        """The whole scrollback and screen, wrapped lines joined, trailing
        blanks removed."""
        text = self._tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", self.target)
        return "\n".join(line.rstrip() for line in text.splitlines()).rstrip() + "\n"

    def wait(self, pattern, what, timeout=30, text=None):
        """Polls the screen (or text(screen)) until the regex matches; returns
        the match. Raises Failure naming what after timeout seconds."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            m = rx.search(text(screen) if text else screen)
            if m:
                return m
            if time.monotonic() > deadline or self.dead():
                raise Failure("%s: /%s/ not seen within %gs%s" % (
                    what, pattern, timeout, " (program exited)" if self.dead() else ""), screen)
            time.sleep(0.1)

    def wait_dead(self, what, timeout):
        """Waits for the program in the pane to end (the event), and returns
        the screen. timeout is only a last resort against a program that
        hangs: a loaded machine makes exits slow, not wrong."""
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise Failure("%s: the program still runs after %gs" % (what, timeout), self.screen())
            time.sleep(0.1)
        return self.screen()

    def pane(self, fmt):
        return self._tmux("display-message", "-p", "-t", self.target, fmt).strip()

    def pid(self):
        """The process id of the program in the pane."""
        return int(self.pane("#{pane_pid}"))

    def dead(self):
        return self.pane("#{pane_dead}") == "1"

    def close(self):
        subprocess.run(self.tmux + ["kill-server"], capture_output=True)


def cell_text(screen, n):
    """The part of a jupyter-console screen that belongs to input n: from
    the last line starting with "In [n]:" up to the next "In [n+1]:"."""
    starts = [m.start() for m in re.finditer(r"^In \[%d\]:" % n, screen, re.M)]
    if not starts:
        return ""
    rest = screen[starts[-1]:]
    end = re.search(r"^In \[%d\]:" % (n + 1), rest, re.M)
    return rest[:end.start()] if end else rest


def children(pid, exe=None):
    """Process ids whose parent is pid (and whose executable is exe)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if exe and os.readlink("/proc/%s/exe" % entry) != exe:
                continue
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if ppid == pid:
            found.append(int(entry))
    return found


def running(pid):
    """Whether pid is a live process (a zombie counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def processes_of(exe):
    """Process ids of every live process running exe."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.readlink("/proc/%s/exe" % entry) == exe and running(int(entry)):
                found.append(int(entry))
        except OSError:
            continue
    return found
