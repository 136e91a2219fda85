package display

import (
	"errors"
	"fmt"
	"sync"

	"github.com/gokernel/gokernel/cell"
)

// sendMu serialises everything display sends, so that goroutines can show
// and update pictures concurrently.
var sendMu sync.Mutex

// Show adds v to the output of the running cell: a [Bundle], a [Renderer],
// an image.Image, a *plot.Plot or other [Drawer]; any other value is shown
// as text (fmt.Sprint). Outside a kernel, Show writes the text
// representation to standard output (and a file, see [SaveOutputsTo]).
// It returns the error of a failed Bundle, or of the frontend.
func Show(v any) error {
	return publish(v, "", false)
}

// Clear clears the output of the running cell. With wait set, the frontend
// keeps the old output until new output arrives, which avoids flicker when
// redrawing. Outside a kernel it does nothing.
func Clear(wait bool) error {
	sendMu.Lock()
	defer sendMu.Unlock()
	if d := cell.Current(); d != nil {
		return d.ClearOutput(wait)
	}
	return nil
}

// publish sends v as display_data, or as update_display_data when update
// is set; id names the display ("" for none).
func publish(v any, id string, update bool) error {
	b, err := bundleFor(v)
	if err != nil {
		return err
	}
	data, metadata := b.MIMEBundle()
	sendMu.Lock()
	defer sendMu.Unlock()
	if d := cell.Current(); d != nil {
		return d.Display(data, metadata, id, update)
	}
	return writeOutside(data, id)
}

// bundleFor is the Bundle that Show sends for v.
func bundleFor(v any) (Bundle, error) {
	if v == nil {
		return Bundle{}, errors.New("display: nothing to show (nil)")
	}
	b, ok := toBundle(v)
	if !ok {
		return Text(fmt.Sprint(v)), nil
	}
	return b, b.err
}
