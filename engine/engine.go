package engine

import (
	"context"
	"fmt"
	"go/parser"
	"io"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/cell"
	"github.com/gokernel/gokernel/engine/cellsplit"
	"github.com/gokernel/gokernel/engine/generic"
	"github.com/gokernel/gokernel/engine/internal/yaegix"
	"github.com/gokernel/gokernel/engine/typecheck"
	"github.com/gokernel/gokernel/gomod"
	"github.com/gokernel/gokernel/internal/memlimit"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/symbols"
	"github.com/gokernel/gokernel/symbols/stdlib"
	"github.com/traefik/yaegi/interp"
)

// Engine runs notebook cells with the yaegi interpreter. It implements
// kernel.Interpreter. Definitions of a cell (variables, functions, types,
// imports) stay available to later cells. An Engine runs one cell at a
// time; Complete, Inspect and IsComplete may be called while none runs.
//
// Its fields are the session: the interpreter, what cells declared and
// imported, the cells that ran. What belongs to one execution of a cell
// is a cellRun (run.go), made afresh by each Execute and Evaluate.
type Engine struct {
	mu     sync.Mutex // held while a cell runs or the interpreter is used
	interp *interp.Interpreter

	stdout fileWriter
	stderr stderrWriter
	stdin  stdinReader

	imports     map[string]string   // import key (name + path) -> name in scope
	pkgNames    map[string]string   // name in scope -> import path
	typeSrc     map[string]string   // type name -> source of its current declaration
	defs        map[string]defKind  // names declared by cells
	methods     map[string][]string // type name -> methods declared by cells
	varTypes    map[string]string   // variable -> its cell-defined type, when known
	funcResults map[string]string   // cell function -> cell-defined type it returns
	sigs        map[string]string   // cell function, type or "Type.Method" -> its declaration

	resMu sync.Mutex // guards the current run's pointer and the fields its goroutines share
	// cellRun is the state of the running cell (or of the last one):
	// Execute and Evaluate replace it, under resMu, before they run.
	*cellRun
	goPanics []*cellError    // panics of goroutines started by cells, not reported yet
	depth    atomic.Int64    // nested calls of interpreted functions
	line     atomic.Int64    // the cell line whose top-level statement runs (see markLines)
	panics   panicTexts      // what Go prints for the latest panic values (see panicStmt)
	mem      *memlimit.Guard // the memory budget (see memguard.go)

	variadicGenerics map[string]int // cell generic func -> its fixed parameters (see variadic.go)
	stopWait         time.Duration  // see defaultStopWait
	ran              []ranCell      // the cells that ran and declared functions, oldest first (see traceback)
	lastCode         string         // the cell that ran last (late goroutine panics show its lines)
	mods             *modules       // packages fetched through the module proxy (see modules.go)

	types *typecheck.Session // the model of the session cells are type-checked against (see gocheck.go)
}

var _ kernel.Interpreter = (*Engine)(nil)

// New starts an interpreter with the standard library, the preloaded
// packages of package symbols and the engine's prelude.
func New() (*Engine, error) {
	if err := checkYaegi(); err != nil {
		return nil, fmt.Errorf("engine: this yaegi is not the one the engine was written for: %w", err)
	}
	e := &Engine{
		stdout:      fileWriter{name: "stdout"},
		stderr:      stderrWriter{fileWriter: fileWriter{name: "stderr"}},
		imports:     map[string]string{},
		pkgNames:    map[string]string{},
		typeSrc:     map[string]string{},
		defs:        map[string]defKind{},
		methods:     map[string][]string{},
		varTypes:    map[string]string{},
		funcResults: map[string]string{},
		sigs:        map[string]string{},
		stopWait:    defaultStopWait,

		variadicGenerics: map[string]int{},
		cellRun:          newRun(),
	}
	if err := e.initMemory(); err != nil {
		return nil, err
	}
	e.mods = newModules(e)
	e.interp = interp.New(interp.Options{
		Stdin:  &e.stdin,
		Stdout: &e.stdout,
		Stderr: &e.stderr,
		Env:    os.Environ(),

		GoPath:               gomod.GoPath,
		SourcecodeFilesystem: e.mods.fs(),
		BuildTags:            gomod.BuildTags(),
	})
	for _, syms := range []interp.Exports{stdlib.Symbols, symbols.Symbols, e.overrides(), e.runtimeSymbols()} {
		if err := e.interp.Use(syms); err != nil {
			return nil, fmt.Errorf("engine: loading symbols: %w", err)
		}
	}
	if err := useMethodWrappers(e.interp); err != nil { // see errorwrappers.go
		return nil, fmt.Errorf("engine: loading symbols: %w", err)
	}
	if err := e.loadGeneric(); err != nil {
		return nil, err
	}
	if _, err := e.interp.Eval(prelude); err != nil {
		return nil, fmt.Errorf("engine: prelude: %w", err)
	}
	return e, nil
}

// checkYaegi verifies once per process that yaegi's internals are those
// the engine relies on (see package yaegix).
var checkYaegi = sync.OnceValue(yaegix.Check)

// loadGeneric compiles the engine's own source of the standard library's
// generic packages (package generic) over the copies yaegi bundles.
func (e *Engine) loadGeneric() error {
	for _, pkg := range generic.Packages {
		name, src, err := generic.Source(pkg)
		if err != nil {
			return fmt.Errorf("engine: %s: %w", pkg, err)
		}
		f, err := parser.ParseFile(e.interp.FileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("engine: %s: %w", pkg, err)
		}
		prog, err := e.interp.CompileAST(f)
		if err == nil {
			_, err = e.interp.Execute(prog)
		}
		if err != nil {
			return fmt.Errorf("engine: %s: %w", pkg, err)
		}
	}
	return nil
}

// overrides replaces standard library symbols whose behaviour must differ
// inside the kernel: time.Sleep wakes up on interrupt, and os.Stdin reads
// from the frontend (an io.Reader rather than a file).
func (e *Engine) overrides() interp.Exports {
	var in io.Reader = &e.stdin
	exports := interp.Exports{
		"time/time": {"Sleep": reflect.ValueOf(sleep)},
		"os/os":     {"Stdin": reflect.ValueOf(&in).Elem()},
	}
	for pkg, syms := range childOverrides() { // see children.go
		if exports[pkg] == nil {
			exports[pkg] = map[string]reflect.Value{}
		}
		for name, v := range syms {
			exports[pkg][name] = v
		}
	}
	return exports
}

// Execute runs a cell: its chunks in order, stopping at the first error.
// While it runs, os.Stdout and os.Stderr are pipes into out's Stream, so
// out itself must not write to them.
func (e *Engine) Execute(ctx context.Context, code string, count int, out kernel.Output) kernel.ExecuteResult {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.beginRun()
	defer e.mem.Release() // see memguard.go

	capt, err := startCapture(out)
	if err != nil {
		return kernel.ExecuteResult{Err: &kernel.Error{Name: kindInternal.String(), Value: err.Error()}}
	}
	defer capt.stop()
	defer pushCapture(capt)() // see RunCallback
	raw := out
	out = syncedOutput{Output: out, capt: capt}
	e.stdout.install(capt.outW, nil)
	e.stderr.install(capt.errW, nil)
	e.stdin.set(out)
	defer func() {
		e.stdin.set(nil)
		e.stdout.install(nil, raw)
		e.stderr.install(nil, raw)
	}()

	// A panic in a goroutine of the cell cancels runCtx too.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	e.resMu.Lock()
	e.cancelRun = cancel
	e.resMu.Unlock()
	defer e.watchMemory()()
	defer interruptChildren(ctx)()
	defer func() {
		e.resMu.Lock()
		e.cancelRun = nil
		e.resMu.Unlock()
	}()
	// The cell's code sees its cancellation through cellCtx, which
	// runProgram cancels only once no further statement of the cell can
	// run: a time.Sleep or a compiled call that returns early on an
	// interrupt must not let the statements after it run.
	cellCtx, stopCell := context.WithCancel(context.WithoutCancel(ctx))
	defer stopCell()
	e.resMu.Lock()
	e.stopCell = stopCell
	e.resMu.Unlock()
	leave := cell.Enter(cell.Env{Ctx: cellCtx, Stdout: &e.stdout, Stderr: &e.stderr, Display: displayer{out}})
	defer leave()

	e.reportGoPanics(out, "a goroutine started by an earlier cell panicked")
	e.beginTemps()
	defer e.releaseTemps()
	res, cerr := e.run(runCtx, code, count)
	if cerr != nil {
		return kernel.ExecuteResult{Err: e.kernelError(cerr, code)}
	}
	return res
}

// reportGoPanics writes the goroutine panics that happened outside of the
// running cell to its standard error.
func (e *Engine) reportGoPanics(out kernel.Output, why string) {
	e.resMu.Lock()
	pending := e.goPanics
	e.goPanics = nil
	e.resMu.Unlock()
	for _, p := range pending {
		// The goroutine's frames are positions of the cell that started
		// it, most likely the last one that ran.
		tb := e.kernelError(p, e.lastCode).Traceback
		out.Stream("stderr", why+":\n"+strings.Join(tb, "\n")+"\n")
	}
}

// run evaluates the chunks of a cell: its imports first (they apply to
// the whole cell, as in a Go file), then the rest in order, then the
// calls the cell's top level deferred. A cell that fails returns its
// error, which Execute shows.
func (e *Engine) run(ctx context.Context, code string, count int) (res kernel.ExecuteResult, cerr *cellError) {
	defer func() {
		if r := recover(); r != nil {
			res, cerr = kernel.ExecuteResult{}, internalError(r)
		}
	}()
	e.setLine(0, 0)

	code, kerr := e.goGet(ctx, code)
	if kerr != nil {
		return res, kerr
	}
	defer func() { e.remember(code, count, cerr) }()
	defer func() { e.lastCode = code }()
	if kerr := scanGuard(code); kerr != nil {
		return res, kerr
	}
	chunks := split(code)
	sort.SliceStable(chunks, func(i, j int) bool {
		return chunks[i].Kind == cellsplit.Imports && chunks[j].Kind != cellsplit.Imports
	})
	defer e.runCleanup()
	if kerr := e.fetchModules(ctx, code, chunks); kerr != nil {
		return res, kerr
	}
	check, kerr := e.goCheck(code, count)
	if kerr != nil {
		return res, kerr
	}
	// Compile the whole cell first: a compile error leaves no trace. A
	// package the cell uses without importing it is imported when its
	// name is unambiguous, and the cell compiled again.
	//
	// The missing package is imported for good, in a step of its own,
	// before the cell is compiled again: yaegi v0.16.1 does not always
	// take an import again after a failed compile was rolled back (with
	// two packages imported that way, the retry could call the first
	// undefined or redeclared).
	var auto []string
	var plan [][]compiled
	var before []*checkpoint
	for {
		var kerr *cellError
		plan, before, kerr = e.compileCell(code, chunks)
		if kerr == nil {
			break
		}
		e.restore(before[0])
		path, hinted := e.missingImport(kerr)
		if path == "" || slices.Contains(auto, path) {
			if hinted == nil {
				// yaegi still calls a package undefined after its
				// import: report its error as it is.
				hinted = kerr
			}
			return res, hinted
		}
		auto = append(auto, path)
		if kerr := e.importNow(ctx, path); kerr != nil {
			return res, kerr
		}
	}
	var err *cellError
	ranTo := len(code)
	defer func() { e.commitCheck(check, ranTo) }()
	for i, steps := range plan {
		for _, s := range steps {
			if err = e.runStep(ctx, s); err != nil || e.returned {
				break
			}
		}
		if err == nil {
			err = e.takeGoPanic()
		}
		if err != nil || e.returned {
			ranTo = chunks[i].End
			// The chunks after this one never ran: forget what they
			// declared.
			if i+1 < len(before) {
				e.restore(before[i+1])
			}
			break
		}
	}
	err = e.runDeferred(ctx, err)
	if gp := e.takeGoPanic(); gp != nil && (err == nil || err.kind == kindInterrupted) {
		err = gp
	}
	e.resMu.Lock()
	if e.overflow {
		e.overflow = false
		err = stackOverflow()
	}
	if merr := e.takeMemoryError(); merr != nil && err != nil {
		err = merr
	}
	e.resMu.Unlock()
	if err != nil {
		if err.kind == kindInternal && strings.Contains(code, "range") {
			err = withHint(err, rangeFuncHint)
		}
		return res, err
	}
	e.resMu.Lock()
	defer e.resMu.Unlock()
	if e.result != nil {
		return *e.result, nil
	}
	return res, nil
}

// compileCell compiles the chunks of a cell. before[i] is the checkpoint taken before plan[i] compiled;
// before[0] is there even when an error stopped the compilation.
func (e *Engine) compileCell(code string, chunks []cellsplit.Chunk) (plan [][]compiled, before []*checkpoint, kerr *cellError) {
	before = []*checkpoint{e.save(code)}
	for i, ch := range chunks {
		steps, kerr := e.compileChunk(code, ch, i == len(chunks)-1, before[len(before)-1])
		if kerr != nil {
			return nil, before, kerr
		}
		plan = append(plan, steps)
		if i < len(chunks)-1 {
			before = append(before, e.save(code))
		}
	}
	return plan, before, nil
}

// runCleanup runs and forgets the cleanups the running cell registered.
func (e *Engine) runCleanup() {
	for _, f := range e.cleanup {
		f()
	}
	e.cleanup = nil
}

// exec runs a compiled program under ctx, containing every panic.
func (e *Engine) exec(ctx context.Context, prog *interp.Program) (kerr *cellError) {
	e.stderr.takeFrames()
	defer func() {
		if r := recover(); r != nil {
			kerr = internalError(r)
		}
	}()
	if err := e.runProgram(ctx, prog); err != nil {
		if ctx.Err() != nil {
			return interrupted(e.runningLine())
		}
		if isCellReturn(err) {
			e.stderr.takeFrames()
			e.returned = true
			return nil
		}
		e.resMu.Lock()
		frames := e.unwrapFrames(e.stderr.takeFrames())
		e.resMu.Unlock()
		return runError(err, frames, &e.panics)
	}
	return nil
}

// goPanic receives the value recovered from a goroutine started by a
// cell. A running cell is stopped: it ends with the goroutine's panic.
func (e *Engine) goPanic(r any) {
	e.resMu.Lock()
	defer e.resMu.Unlock()
	e.goPanics = append(e.goPanics, panicError(kindGoroutinePanic, r, e.unwrapFrames(e.stderr.takeFrames()), &e.panics))
	if e.cancelRun != nil {
		e.cancelRun()
	}
}

// takeGoPanic returns the first goroutine panic recorded while the cell
// runs, if any.
func (e *Engine) takeGoPanic() *cellError {
	e.resMu.Lock()
	defer e.resMu.Unlock()
	if len(e.goPanics) == 0 {
		return nil
	}
	p := e.goPanics[0]
	e.goPanics = e.goPanics[1:]
	return p
}

// displayer adapts a kernel.Output to cell.Displayer.
type displayer struct{ out kernel.Output }

func (d displayer) Display(data, metadata map[string]any, id string, update bool) error {
	d.out.Display(data, metadata, id, update)
	return nil
}

func (d displayer) ClearOutput(wait bool) error {
	d.out.ClearOutput(wait)
	return nil
}
