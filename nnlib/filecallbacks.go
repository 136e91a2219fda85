package nnlib

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strings"
)

// ModelCheckpointOptions configures ModelCheckpoint, like the arguments of
// keras.callbacks.ModelCheckpoint.
type ModelCheckpointOptions struct {
	// Monitor is the logged value SaveBestOnly compares (default "val_loss").
	Monitor string
	// SaveBestOnly saves only when the monitored value improves.
	SaveBestOnly bool
	// Mode is "min", "max" or "auto" (default): "auto" maximises values
	// whose name contains "acc".
	Mode string
	// InitialValueThreshold is the value the first save must beat (nil:
	// any value).
	InitialValueThreshold *float64
	// Verbose prints a line to Fit's output at each save.
	Verbose bool
}

// ModelCheckpointCallback saves the model after epochs. Make one with
// ModelCheckpoint.
type ModelCheckpointCallback struct {
	path     string
	opts     ModelCheckpointOptions
	maximize bool
	best     float64
	model    *Sequential
	out      io.Writer
	// LastSaved is the path of the last file written, "" before any.
	LastSaved string
}

// checkpointField matches a Python format field of a checkpoint path:
// {epoch}, {epoch:02d}, {val_loss:.2f}.
var checkpointField = regexp.MustCompile(`\{(\w+)(?::([^{}]*))?\}`)

// ModelCheckpoint returns a callback that saves the model (Save's format)
// to path at the end of every epoch, or only when the monitored value
// improves with SaveBestOnly, like keras.callbacks.ModelCheckpoint. path
// may hold Python format fields filled from the epoch (1-based) and the
// logs: "model-{epoch:02d}-{val_loss:.3f}.json".
func ModelCheckpoint(path string, opts ModelCheckpointOptions) (*ModelCheckpointCallback, error) {
	if path == "" {
		return nil, errors.New("nnlib: ModelCheckpoint: empty path")
	}
	if opts.Monitor == "" {
		opts.Monitor = "val_loss"
	}
	for _, f := range checkpointField.FindAllStringSubmatch(path, -1) {
		if _, err := pythonFormatVerb(f[2]); err != nil {
			return nil, fmt.Errorf("nnlib: ModelCheckpoint: path %q: field %s: %w", path, f[0], err)
		}
	}
	if t := opts.InitialValueThreshold; t != nil && (math.IsNaN(*t) || math.IsInf(*t, 0)) {
		return nil, fmt.Errorf("nnlib: ModelCheckpoint: InitialValueThreshold must be finite, got %g", *t)
	}
	c := &ModelCheckpointCallback{path: path, opts: opts}
	var err error
	if c.maximize, err = monitorMode("ModelCheckpoint", opts.Mode, opts.Monitor); err != nil {
		return nil, err
	}
	return c, nil
}

// pythonFormatVerb turns a Python format spec ("02d", ".2f", "") into a
// Go verb.
func pythonFormatVerb(spec string) (string, error) {
	if spec == "" {
		return "", nil
	}
	if ok, _ := regexp.MatchString(`^[0-9]*(\.[0-9]+)?[dfeg]$`, spec); !ok {
		return "", fmt.Errorf("unsupported format %q (use forms like 02d, .4f, .3e)", spec)
	}
	return "%" + spec, nil
}

// filePath fills the format fields of the path.
func (c *ModelCheckpointCallback) filePath(epoch int, logs map[string]float64) (string, error) {
	var err error
	p := checkpointField.ReplaceAllStringFunc(c.path, func(field string) string {
		f := checkpointField.FindStringSubmatch(field)
		verb, _ := pythonFormatVerb(f[2])
		if f[1] == "epoch" {
			if verb == "" {
				return fmt.Sprint(epoch + 1)
			}
			if strings.HasSuffix(verb, "d") {
				return fmt.Sprintf(verb, epoch+1)
			}
			return fmt.Sprintf(verb, float64(epoch+1))
		}
		v, ok := logs[f[1]]
		if !ok {
			err = fmt.Errorf("nnlib: ModelCheckpoint: path %q names {%s}, which is not logged; logged: %s", c.path, f[1], strings.Join(logNames(logs), ", "))
			return field
		}
		switch {
		case verb == "":
			return pythonFloat(v)
		case strings.HasSuffix(verb, "d"):
			return fmt.Sprintf(verb, int(v))
		}
		return fmt.Sprintf(verb, v)
	})
	return p, err
}

func (c *ModelCheckpointCallback) onTrainBegin(m *Sequential, out io.Writer) error {
	c.model, c.out = m, out
	c.best = math.Inf(1)
	if c.maximize {
		c.best = math.Inf(-1)
	}
	if t := c.opts.InitialValueThreshold; t != nil {
		c.best = *t
	}
	return nil
}

func (c *ModelCheckpointCallback) onTrainEnd(m *Sequential) error { return nil }

// OnEpochEnd saves the model when due.
func (c *ModelCheckpointCallback) OnEpochEnd(epoch int, logs map[string]float64) error {
	path, err := c.filePath(epoch, logs)
	if err != nil {
		return err
	}
	if c.opts.SaveBestOnly {
		v, ok := logs[c.opts.Monitor]
		if !ok {
			fmt.Fprintf(c.out, "UserWarning: Can save best model only with %s available, skipping.\n", c.opts.Monitor)
			return nil
		}
		improved := v < c.best
		if c.maximize {
			improved = v > c.best
		}
		if !improved {
			if c.opts.Verbose {
				fmt.Fprintf(c.out, "\nEpoch %d: %s did not improve from %s\n", epoch+1, c.opts.Monitor, pythonFixed5(c.best))
			}
			return nil
		}
		if c.opts.Verbose {
			fmt.Fprintf(c.out, "\nEpoch %d: %s improved from %s to %s, saving model to %s\n", epoch+1, c.opts.Monitor, pythonFixed5(c.best), pythonFixed5(v), path)
		}
		c.best = v
	} else if c.opts.Verbose {
		fmt.Fprintf(c.out, "\nEpoch %d: saving model to %s\n", epoch+1, path)
	}
	if err := c.model.Save(path); err != nil {
		return fmt.Errorf("nnlib: ModelCheckpoint: %w", err)
	}
	c.LastSaved = path
	return nil
}

// OnBatchEnd does nothing.
func (c *ModelCheckpointCallback) OnBatchEnd(batch int, logs map[string]float64) error { return nil }

// CSVLoggerCallback writes every epoch's logs to a CSV file. Make one with
// CSVLogger.
type CSVLoggerCallback struct {
	path   string
	sep    string
	append bool
	file   *os.File
	keys   []string
	header bool
}

// CSVLogger returns a callback that writes one CSV row per epoch, like
// keras.callbacks.CSVLogger(filename, separator=",", append=False): a
// header "epoch" then the logged keys sorted, rows with the 0-based epoch
// and the values as Python prints them, lines ended by "\r\n" as Python's
// csv module writes. With appendRows the rows go after an existing file's
// (whose header is kept). separator "" is ",".
func CSVLogger(path, separator string, appendRows bool) (*CSVLoggerCallback, error) {
	if path == "" {
		return nil, errors.New("nnlib: CSVLogger: empty path")
	}
	if separator == "" {
		separator = ","
	}
	return &CSVLoggerCallback{path: path, sep: separator, append: appendRows}, nil
}

func (c *CSVLoggerCallback) onTrainBegin(m *Sequential, out io.Writer) error {
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	header := true
	if c.append {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		if st, err := os.Stat(c.path); err == nil && st.Size() > 0 {
			header = false
		}
	}
	f, err := os.OpenFile(c.path, flag, 0o644)
	if err != nil {
		return fmt.Errorf("nnlib: CSVLogger: %w", err)
	}
	c.file, c.keys, c.header = f, nil, header
	return nil
}

func (c *CSVLoggerCallback) onTrainEnd(m *Sequential) error {
	if c.file == nil {
		return nil
	}
	err := c.file.Close()
	c.file = nil
	return err
}

// OnEpochEnd writes the epoch's row (and the header before the first).
func (c *CSVLoggerCallback) OnEpochEnd(epoch int, logs map[string]float64) error {
	if c.file == nil {
		return errors.New("nnlib: CSVLogger: used outside Fit")
	}
	var b strings.Builder
	if c.keys == nil {
		c.keys = sortedKeys(logs) // Python's sorted(logs.keys())
		if c.header {
			b.WriteString("epoch")
			for _, k := range c.keys {
				b.WriteString(c.sep + k)
			}
			b.WriteString("\r\n")
		}
	}
	fmt.Fprint(&b, epoch)
	for _, k := range c.keys {
		b.WriteString(c.sep)
		if v, ok := logs[k]; ok {
			b.WriteString(pythonFloat(v))
		} else {
			b.WriteString("NA")
		}
	}
	b.WriteString("\r\n")
	if _, err := c.file.WriteString(b.String()); err != nil {
		return fmt.Errorf("nnlib: CSVLogger: %w", err)
	}
	return nil
}

// OnBatchEnd does nothing.
func (c *CSVLoggerCallback) OnBatchEnd(batch int, logs map[string]float64) error { return nil }
