package engine

import "github.com/gokernel/gokernel/engine/internal/yaegix"

// cellTemps is what the engine knows of the global frame slots a cell
// was given, so that once it is done the intermediate values its
// top-level code left in yaegi's global frame are let go (see
// yaegix.ReleaseTemporaries): without it, a cell that printed a 100 MB
// string at its top level, or showed len(strings.Repeat("x", 100<<20)),
// kept that memory for the rest of the session.
type cellTemps struct {
	from      int  // the first global slot the cell may have been given
	abandoned bool // code of the cell may still run (see runProgram)
}

// beginTemps starts tracking the slots of a new cell.
func (e *Engine) beginTemps() {
	e.temps = cellTemps{from: yaegix.GlobalSlots(e.interp)}
}

// releaseTemps lets go of the intermediate values of the cell's top-level
// code, unless some of it may still be running.
func (e *Engine) releaseTemps() {
	t := e.temps
	e.temps = cellTemps{}
	if !t.abandoned {
		yaegix.ReleaseTemporaries(e.interp, t.from)
	}
}
