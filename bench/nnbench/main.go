// Command nnbench measures nnlib on the tutorial's workloads and prints a
// table side by side with PyTorch (Debian's python3-torch) on the same ones:
//
//   - the tutorial's 2-16(relu)-1(sigmoid) model, MSE, Adam, trained 500
//     full-batch epochs on the 4 XOR rows (Keras defaults otherwise);
//   - a 64-256(relu)-256(relu)-10(softmax) network, categorical
//     cross-entropy, Adam, epochs over 20,000 rows in batches of 128, with
//     nnlib's layers in float64 and in float32 (PyTorch: float32); the time
//     per epoch of Fits of three epochs.
//
// It measures everything in rounds (-rounds, default 3), each round nnlib
// then PyTorch, and prints each round's ratios: on a shared machine the
// ratios of one round are comparable, the absolute times less so.
//
// Usage:
//
//	go run ./bench/nnbench [-python /usr/bin/python3] [-torch=false] [-threads 2] [-rounds 3]
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
	"sort"
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

// round is one measurement of every workload, PyTorch's included, so
// that the ratios of a round compare runs made under the same load.
type round struct {
	xor, mlp64, mlp32 time.Duration
	xorAllocs         float64
	torch             torchResult
}

func main() {
	python := flag.String("python", "/usr/bin/python3", "Python with Debian's python3-torch")
	withTorch := flag.Bool("torch", true, "run the PyTorch side")
	threads := flag.Int("threads", runtime.NumCPU(), "cores for each side (GOMAXPROCS and torch threads)")
	rounds := flag.Int("rounds", 3, "rounds of all the measurements; the table shows each round's ratios")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)

	var rs []round
	for i := 0; i < max(*rounds, 1); i++ {
		var r round
		var err error
		if r.xor, r.xorAllocs, err = benchXOR(); err != nil {
			fail(err)
		}
		if r.mlp64, err = benchMLP("float64"); err != nil {
			fail(err)
		}
		if r.mlp32, err = benchMLP("float32"); err != nil {
			fail(err)
		}
		if *withTorch {
			r.torch = runTorch(*python, *threads)
		}
		rs = append(rs, r)
	}
	printTable(os.Stdout, *threads, rs)
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

// mlpEpochs is how many epochs one timed Fit runs (both sides): the
// per-epoch time of a Fit of several epochs, as a notebook trains, so
// that the one-time copy of x into the model's layout is shared.
const mlpEpochs = 3

// benchMLP returns the best time per epoch of three Fits of mlpEpochs
// epochs, after a warm-up epoch, with every layer in dtype.
func benchMLP(dtype string) (time.Duration, error) {
	x, y := benchdata.MLP(mlpRows)
	m, err := nnlib.NewSequential(
		nnlib.Dense(256, nnlib.InputDim(64), nnlib.Activation("relu"), nnlib.DType(dtype)),
		nnlib.Dense(256, nnlib.Activation("relu"), nnlib.DType(dtype)),
		nnlib.Dense(10, nnlib.Activation("softmax"), nnlib.DType(dtype)))
	if err != nil {
		return 0, err
	}
	if err := m.Compile(nnlib.CompileOptions{Loss: "categorical_crossentropy", Optimizer: "adam", Metrics: []string{"accuracy"}}); err != nil {
		return 0, err
	}
	best := time.Duration(1 << 62)
	for r := 0; r < 4; r++ {
		epochs := mlpEpochs
		if r == 0 {
			epochs = 1 // warm-up
		}
		start := time.Now()
		if _, err := m.Fit(x, y, nnlib.FitOptions{Epochs: epochs, BatchSize: mlpBatch, Output: io.Discard}); err != nil {
			return 0, err
		}
		if r > 0 {
			best = min(best, time.Since(start)/mlpEpochs)
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

func printTable(w io.Writer, threads int, rs []round) {
	gflops := func(d time.Duration) float64 { return mlpFlops / d.Seconds() / 1e9 }
	tr := rs[0].torch
	hasTorch := tr.Version != ""
	torchCol := func(s string) string {
		if !hasTorch {
			return "—"
		}
		return s
	}
	fmt.Fprintf(w, "nnbench: %s/%s, %d cores, Go %s; PyTorch %s float32; %d rounds, each nnlib then PyTorch\n\n",
		runtime.GOOS, runtime.GOARCH, threads, runtime.Version(), torchCol(tr.Version), len(rs))
	fmt.Fprintf(w, "| round | workload | nnlib | PyTorch | nnlib vs PyTorch |\n|---|---|---|---|---|\n")
	var ratio64, ratio32 []float64
	for i, r := range rs {
		t := r.torch
		fmt.Fprintf(w, "| %d | XOR 2-16-1, 500 full-batch epochs, Adam (float64) | %.2f ms (%.2f µs/epoch; %.2f allocations/epoch) | %s | %s |\n",
			i+1, r.xor.Seconds()*1e3, r.xor.Seconds()*1e6/500, r.xorAllocs,
			torchCol(fmt.Sprintf("%.1f ms", t.XOR500*1e3)),
			torchCol(fmt.Sprintf("%.0fx faster", t.XOR500/r.xor.Seconds())))
		for _, row := range []struct {
			dtype string
			d     time.Duration
			ratio *[]float64
		}{{"float64", r.mlp64, &ratio64}, {"float32", r.mlp32, &ratio32}} {
			*row.ratio = append(*row.ratio, t.MLPEpoch/row.d.Seconds())
			fmt.Fprintf(w, "| %d | MLP 64-256-256-10 epoch, %s | %.3f s (%.1f GFLOP/s) | %s | %s |\n",
				i+1, row.dtype, row.d.Seconds(), gflops(row.d),
				torchCol(fmt.Sprintf("%.3f s (%.1f GFLOP/s)", t.MLPEpoch, mlpFlops/t.MLPEpoch/1e9)),
				torchCol(fmt.Sprintf("%.2fx its throughput", t.MLPEpoch/row.d.Seconds())))
		}
	}
	if hasTorch {
		fmt.Fprintf(w, "\nMLP throughput vs PyTorch over the rounds: float64 %s, float32 %s (min–median–max).\n", spread(ratio64), spread(ratio32))
	}
	for _, r := range rs {
		if r.torch.runFailed != nil {
			fmt.Fprintf(w, "\nPyTorch side not run: %v\n", r.torch.runFailed)
			break
		}
	}
}

// spread formats the minimum, median and maximum of v.
func spread(v []float64) string {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return fmt.Sprintf("%.2fx–%.2fx–%.2fx", s[0], s[len(s)/2], s[len(s)-1])
}
