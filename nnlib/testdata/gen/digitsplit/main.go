// Command digitsplit prints datasets.SplitIndices(1797, fraction, seed) as
// JSON ({"train": [...], "test": [...]}), for digits_torch.py to train
// the PyTorch replica on the notebook's split.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"

	"github.com/gokernel/gokernel/nnlib/datasets"
)

func main() {
	fraction := flag.Float64("test", 0.2, "test fraction")
	seed := flag.Uint64("seed", 42, "seed")
	flag.Parse()
	train, test, err := datasets.SplitIndices(1797, *fraction, *seed)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string][]int{"train": train, "test": test}); err != nil {
		log.Fatal(err)
	}
}
