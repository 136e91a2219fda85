"""Times trivial execute round trips through jupyter_client, the client
Jupyter's own frontends use: execute_request sent on shell -> status idle
for it on IOPub (the reply is read too). Prints one time in seconds per
line. Run by kernelbench: roundtrip.py CONNECTION_FILE SETUP TRIVIAL N."""
import sys
import time

from jupyter_client import BlockingKernelClient


def main():
    conn, setup, trivial, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    kc = BlockingKernelClient(connection_file=conn)
    kc.load_connection_file()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)

    def execute(code):
        began = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        took = time.perf_counter() - began
        reply = kc.get_shell_msg(timeout=30)
        if reply["content"]["status"] != "ok":
            raise SystemExit("%r: %s" % (code, reply["content"]))
        return took

    execute(setup)
    for _ in range(50):
        execute(trivial)
    out = [execute(trivial) for _ in range(n)]
    kc.stop_channels()
    sys.stdout.write("".join("%.9f\n" % t for t in out))


main()
