package memlimit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// EnvVar is the environment variable that overrides the detected budget.
const EnvVar = "GOKERNEL_MEMORY_LIMIT"

// Budget is the memory the kernel's cells may use, and where that figure
// comes from.
type Budget struct {
	// Bytes is the budget; 0 means no limit (the guard is off).
	Bytes uint64
	// Source names where Bytes comes from, e.g. "RLIMIT_AS" or
	// "GOKERNEL_MEMORY_LIMIT".
	Source string
	// AddressSpace is the process's RLIMIT_AS, or 0 when there is none.
	// The Go runtime never gives address space back, so a large
	// allocation must also fit in what is left of it.
	AddressSpace uint64
}

// String describes the budget, e.g. "1.8 GiB (RLIMIT_AS)".
func (b Budget) String() string {
	if b.Bytes == 0 {
		return "unlimited (" + b.Source + ")"
	}
	return FormatBytes(b.Bytes) + " (" + b.Source + ")"
}

// nonHeapReserve is the address space and memory kept out of the budget
// for what is not the Go heap of cell values: goroutine stacks, the
// runtime's own metadata, buffers of outgoing messages.
const nonHeapReserve = 256 << 20

// Detect returns the budget of this process: the value of EnvVar when it
// is set, otherwise the smallest of the cgroup limit, the free part of
// RLIMIT_AS and the available memory, less a reserve for what is not the
// heap. It fails only when EnvVar does not parse.
func Detect() (Budget, error) {
	var as uint64
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err == nil && rl.Cur != math.MaxUint64 && rl.Cur != 0 {
		as = rl.Cur
	}
	if s, ok := os.LookupEnv(EnvVar); ok && strings.TrimSpace(s) != "" {
		if strings.EqualFold(strings.TrimSpace(s), "off") {
			return Budget{Source: EnvVar + "=off"}, nil
		}
		n, err := ParseBytes(s)
		if err != nil {
			return Budget{}, fmt.Errorf("%s: %w", EnvVar, err)
		}
		return Budget{Bytes: n, Source: EnvVar, AddressSpace: as}, nil
	}
	best := Budget{Source: "no limit found"}
	consider := func(n uint64, source string) {
		if n == 0 {
			return
		}
		if n > nonHeapReserve*2 {
			n -= nonHeapReserve
		} else {
			n /= 2
		}
		if best.Bytes == 0 || n < best.Bytes {
			best = Budget{Bytes: n, Source: source}
		}
	}
	if n, src := cgroupLimit(); n > 0 {
		consider(n-min(n, procStatus("VmRSS")), src)
	}
	if as > 0 {
		consider(as-min(as, procStatus("VmSize")), "RLIMIT_AS")
	}
	if n := memInfo("MemAvailable"); n > 0 {
		consider(n, "available memory")
	}
	best.AddressSpace = as
	return best, nil
}

// cgroupLimit returns the memory limit of the process's cgroup (v2, or v1)
// and its source, or 0 when there is none.
func cgroupLimit() (uint64, string) {
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0, ""
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			if n := readLimit("/sys/fs/cgroup" + parts[2] + "/memory.max"); n > 0 {
				return n, "cgroup memory.max"
			}
			if n := readLimit("/sys/fs/cgroup/memory.max"); n > 0 {
				return n, "cgroup memory.max"
			}
		case strings.Contains(","+parts[1]+",", ",memory,"):
			for _, dir := range []string{"/sys/fs/cgroup/memory" + parts[2], "/sys/fs/cgroup/memory"} {
				// v1 reports "no limit" as a huge number.
				if n := readLimit(dir + "/memory.limit_in_bytes"); n > 0 && n < 1<<60 {
					return n, "cgroup memory.limit_in_bytes"
				}
			}
		}
	}
	return 0, ""
}

// readLimit reads a number of bytes from a cgroup file; "max", a missing
// file or garbage give 0.
func readLimit(path string) uint64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(string(bytes.TrimSpace(data)), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// procStatus returns a "kB" field of /proc/self/status in bytes (0 when
// it cannot be read).
func procStatus(field string) uint64 { return kBField("/proc/self/status", field) }

// memInfo returns a field of /proc/meminfo in bytes.
func memInfo(field string) uint64 { return kBField("/proc/meminfo", field) }

func kBField(path, field string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		name, rest, ok := strings.Cut(s.Text(), ":")
		if !ok || name != field {
			continue
		}
		n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return n << 10
	}
	return 0
}

var units = []struct {
	suffix string
	mult   float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// ParseBytes reads a size: a number of bytes, or a number with a unit
// (KiB, MiB, GiB, TiB; KB, MB, GB, TB in powers of ten; K, M, G, T as the
// binary ones), e.g. "3.2GiB" or "512M". Case and spaces do not matter.
func ParseBytes(s string) (uint64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || f*mult >= math.MaxUint64 {
		return 0, errors.New("bad memory size " + strconv.Quote(s) + `: want bytes or a size such as "3.2GiB" or "512MiB", or "off"`)
	}
	return uint64(f * mult), nil
}

// FormatBytes writes n in the largest binary unit that keeps it at least
// 1, with one decimal below 10: "3.2 GiB", "682 MiB", "512 B".
func FormatBytes(n uint64) string {
	names := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(names)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return strconv.FormatUint(n, 10) + " B"
	}
	if f < 10 {
		return strconv.FormatFloat(f, 'f', 1, 64) + " " + names[i]
	}
	return strconv.FormatFloat(f, 'f', 0, 64) + " " + names[i]
}
