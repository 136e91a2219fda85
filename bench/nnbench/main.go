// Command nnbench measures nnlib on the tutorial's workloads and prints a
// table side by side with PyTorch (Debian's python3-torch) on the same ones:
//
//   - the tutorial's 2-16(relu)-1(sigmoid) model, MSE, Adam, trained 500
//     full-batch epochs on the 4 XOR rows (Keras defaults otherwise);
//   - a 64-256(relu)-256(relu)-10(softmax) network, categorical
//     cross-entropy, Adam, one epoch over 20,000 rows in batches of 128.
//
// Usage:
//
//	go run ./bench/nnbench [-python /usr/bin/python3] [-torch=false] [-threads 2]
//
// PyTorch runs with OPENBLAS_NUM_THREADS=1 and torch.set_num_threads(threads),
// so that neither side uses more than the given number of cores.
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/gokernel/gokernel/internal/benchdata"
	"github.com/gokernel/gokernel/nnlib"
)

//go:embed torch_bench.py
var torchScript []byte

// torchResult is what torch_bench.py prints.
type torchResult struct {
	Version   string  `json:"torch"`
	Threads   int     `json:"threads"`
	XOR500    float64 `json:"xor_500_s"`
	MLPEpoch  float64 `json:"mlp_epoch_s"`
	runFailed error
}

const (
	mlpRows  = 20000
	mlpBatch = 128
)

// mlpFlops is the floating-point work of one MLP epoch: per row, the
// forward pass, the kernel gradients (same size) and the input gradients of
// the two upper layers, at 2 flops per multiply-add.
const mlpFlops = 2 * mlpRows * (2*(64*256+256*256+256*10) + (256*256 + 256*10))

func main() {
	python := flag.String("python", "/usr/bin/python3", "Python with Debian's python3-torch")
	withTorch := flag.Bool("torch", true, "run the PyTorch side")
	threads := flag.Int("threads", runtime.NumCPU(), "cores for each side (GOMAXPROCS and torch threads)")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)

	xorTime, xorAllocs, err := benchXOR()
	if err != nil {
		fail(err)
	}
	mlpTime, err := benchMLP()
	if err != nil {
		fail(err)
	}
	var tr torchResult
	if *withTorch {
		tr = runTorch(*python, *threads)
	}
	printTable(os.Stdout, *threads, xorTime, xorAllocs, mlpTime, tr)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "nnbench:", err)
	os.Exit(1)
}

func xorModel() (*nnlib.Sequential, error) {
	m, err := nnlib.NewSequential(
		nnlib.Dense(16, nnlib.InputDim(2), nnlib.Activation("relu")),
		nnlib.Dense(1, nnlib.Activation("sigmoid")))
	if err != nil {
		return nil, err
	}
	return m, m.Compile(nnlib.CompileOptions{Loss: "mean_squared_error", Optimizer: "adam", Metrics: []string{"binary_accuracy"}})
}

// benchXOR returns the best time of 500 epochs over several runs and the
// heap allocations per epoch beyond the first.
func benchXOR() (time.Duration, float64, error) {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0}
	best := time.Duration(1 << 62)
	for r := 0; r < 30; r++ {
		m, err := xorModel()
		if err != nil {
			return 0, 0, err
		}
		m.SetSeed(int64(r))
		start := time.Now()
		if _, err := m.Fit(x, y, nnlib.FitOptions{Epochs: 500, Output: io.Discard}); err != nil {
			return 0, 0, err
		}
		best = min(best, time.Since(start))
	}
	mallocs := func(epochs int) (uint64, error) {
		m, err := xorModel()
		if err != nil {
			return 0, err
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err = m.Fit(x, y, nnlib.FitOptions{Epochs: epochs, Output: io.Discard})
		runtime.ReadMemStats(&after)
		return after.Mallocs - before.Mallocs, err
	}
	short, err := mallocs(500)
	if err != nil {
		return 0, 0, err
	}
	long, err := mallocs(1000)
	if err != nil {
		return 0, 0, err
	}
	return best, (float64(long) - float64(short)) / 500, nil
}

// benchMLP returns the best epoch time of five, after a warm-up epoch.
func benchMLP() (time.Duration, error) {
	x, y := benchdata.MLP(mlpRows)
	m, err := nnlib.NewSequential(
		nnlib.Dense(256, nnlib.InputDim(64), nnlib.Activation("relu")),
		nnlib.Dense(256, nnlib.Activation("relu")),
		nnlib.Dense(10, nnlib.Activation("softmax")))
	if err != nil {
		return 0, err
	}
	if err := m.Compile(nnlib.CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		return 0, err
	}
	best := time.Duration(1 << 62)
	for r := 0; r < 6; r++ {
		start := time.Now()
		if _, err := m.Fit(x, y, nnlib.FitOptions{Epochs: 1, BatchSize: mlpBatch, Output: io.Discard}); err != nil {
			return 0, err
		}
		if r > 0 {
			best = min(best, time.Since(start))
		}
	}
	return best, nil
}

func runTorch(python string, threads int) torchResult {
	dir, err := os.MkdirTemp("", "nnbench")
	if err != nil {
		return torchResult{runFailed: err}
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "torch_bench.py")
	if err := os.WriteFile(script, torchScript, 0o644); err != nil {
		return torchResult{runFailed: err}
	}
	cmd := exec.Command(python, script, fmt.Sprint(threads))
	cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS="+fmt.Sprint(threads))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return torchResult{runFailed: fmt.Errorf("%s: %w (install python3-torch with apt-get)", python, err)}
	}
	var tr torchResult
	if err := json.Unmarshal(out, &tr); err != nil {
		return torchResult{runFailed: fmt.Errorf("torch_bench.py printed %q: %w", out, err)}
	}
	return tr
}

func printTable(w io.Writer, threads int, xor time.Duration, xorAllocs float64, mlp time.Duration, tr torchResult) {
	gflops := func(s float64) float64 { return mlpFlops / s / 1e9 }
	torchCol := func(s string) string {
		if tr.Version == "" {
			return "—"
		}
		return s
	}
	fmt.Fprintf(w, "nnbench: %s/%s, %d cores; nnlib float64 (Go %s), PyTorch %s float32\n\n", runtime.GOOS, runtime.GOARCH, threads, runtime.Version(), torchCol(tr.Version))
	fmt.Fprintf(w, "| workload | nnlib | PyTorch | nnlib vs PyTorch |\n|---|---|---|---|\n")
	fmt.Fprintf(w, "| XOR 2-16-1, 500 full-batch epochs, Adam | %.2f ms (%.2f µs/epoch) | %s | %s |\n",
		xor.Seconds()*1e3, xor.Seconds()*1e6/500,
		torchCol(fmt.Sprintf("%.1f ms (%.0f µs/epoch)", tr.XOR500*1e3, tr.XOR500*1e6/500)),
		torchCol(fmt.Sprintf("%.0fx faster", tr.XOR500/xor.Seconds())))
	fmt.Fprintf(w, "| XOR heap allocations per epoch after the first | %.2f | | |\n", xorAllocs)
	fmt.Fprintf(w, "| MLP 64-256-256-10, 20,000 rows, batch 128, Adam: one epoch | %.3f s (%.1f GFLOP/s) | %s | %s |\n",
		mlp.Seconds(), gflops(mlp.Seconds()),
		torchCol(fmt.Sprintf("%.3f s (%.1f GFLOP/s)", tr.MLPEpoch, gflops(tr.MLPEpoch))),
		torchCol(fmt.Sprintf("%.2f of its throughput", tr.MLPEpoch/mlp.Seconds())))
	if tr.runFailed != nil {
		fmt.Fprintf(w, "\nPyTorch side not run: %v\n", tr.runFailed)
	}
}
