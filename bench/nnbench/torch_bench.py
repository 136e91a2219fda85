"""PyTorch side of bench/nnbench: the same two workloads, timed the same way.

Prints one JSON object: {"torch": version, "threads": n, "xor_500_s": ..., "mlp_epoch_s": ...}.
Run with /usr/bin/python3 (Debian's python3-torch) and OPENBLAS_NUM_THREADS=1.
"""
import json
import sys
import time

import torch


def xor_500(repeats):
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    best = float("inf")
    for r in range(repeats):
        torch.manual_seed(r)
        model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1), torch.nn.Sigmoid())
        opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
        loss_fn = torch.nn.MSELoss()
        start = time.perf_counter()
        for _ in range(500):
            perm = torch.randperm(4)
            xb, yb = x[perm], y[perm]
            opt.zero_grad()
            pred = model(xb)
            loss = loss_fn(pred, yb)
            loss.backward()
            opt.step()
            # what Keras logs each epoch: loss and binary accuracy
            float(loss)
            float(((pred > 0.5).float() == yb).float().mean())
        best = min(best, time.perf_counter() - start)
    return best


def mlp_epoch(repeats, epochs=3, rows=20000, batch=128):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(rows, 64, generator=g)
    labels = torch.randint(0, 10, (rows,), generator=g)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(epochs):
            perm = torch.randperm(rows)
            total, correct = 0.0, 0
            for i in range(0, rows, batch):
                idx = perm[i:i + batch]
                xb, yb = x[idx], labels[idx]
                opt.zero_grad()
                out = model(xb)
                loss = loss_fn(out, yb)
                loss.backward()
                opt.step()
                total += float(loss) * len(idx)
                correct += int((out.argmax(1) == yb).sum())
        best = min(best, (time.perf_counter() - start) / epochs)
    return best


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    res = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "xor_500_s": xor_500(5),
        "mlp_epoch_s": mlp_epoch(3),
    }
    print(json.dumps(res))


if __name__ == "__main__":
    main()
