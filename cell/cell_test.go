package cell

import (
	"bytes"
	"context"
	"os"
	"testing"
)

type recorder struct{ ids []string }

func (r *recorder) Display(data, metadata map[string]any, id string, update bool) error {
	r.ids = append(r.ids, id)
	return nil
}
func (r *recorder) ClearOutput(wait bool) error { return nil }

func TestDefaultsOutsideACell(t *testing.T) {
	if Context() != context.Background() {
		t.Error("Context() outside a cell is not context.Background()")
	}
	if Stdout() != os.Stdout || Stderr() != os.Stderr {
		t.Error("Stdout/Stderr outside a cell are not os.Stdout/os.Stderr")
	}
	if Current() != nil {
		t.Error("Current() outside a cell is not nil")
	}
}

func TestEnterAndLeaveNest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	rec := &recorder{}
	leave := Enter(Env{Ctx: ctx, Stdout: &out, Display: rec})
	if Stdout() != &out || Current() != rec || Context() != ctx {
		t.Fatal("Enter did not install the environment")
	}
	if Stderr() != os.Stderr {
		t.Error("a nil Stderr does not fall back to os.Stderr")
	}
	inner := Enter(Env{})
	if Stdout() != os.Stdout || Current() != nil {
		t.Error("an empty inner Env does not fall back to the defaults")
	}
	inner()
	if Stdout() != &out {
		t.Error("leaving the inner Env did not restore the outer one")
	}
	cancel()
	if Context().Err() == nil {
		t.Error("cancelling the cell's context is not visible through Context()")
	}
	leave()
	if Current() != nil || Context() != context.Background() {
		t.Error("leave did not restore the defaults")
	}
}
