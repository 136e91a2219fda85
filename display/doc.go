// Package display puts rich output — pictures, HTML, Markdown, formulas,
// JSON — into the output of the running notebook cell, and updates it in
// place.
//
// A value becomes a MIME bundle (the same content in several formats,
// always including text/plain) with a constructor — HTML, Markdown, LaTeX,
// JSON, SVG, PNG, Plot, Table, ... — or by itself:
//
//	display.Show(display.Markdown("# Results"))
//	display.Show(p)                                  // a *plot.Plot, as a sharp PNG
//	display.Show(display.Plot(p, display.Size(800, 300), display.AsSVG()))
//	display.Show(img)                                // an image.Image
//	display.Show(display.Table([]string{"x1", "x2", "XOR"}, rows))
//
// The last expression of a cell is shown by the same rules ([MIMEBundle]),
// so a cell that ends in display.HTML("<b>hi</b>") or a plot needs no Show.
// Types can show themselves by implementing [Renderer]; types defined in a
// cell go through [Render].
//
// A [Handle] names an output so that it can be replaced while the cell
// runs (Jupyter's update_display_data), and [Clear] clears the cell's
// output:
//
//	h := display.NewHandle()
//	for i := range steps {
//		h.Update(display.Text(fmt.Sprintf("step %d", i)))
//	}
//
// Output goes to the kernel through [cell.Current]. Outside a kernel (a
// plain Go program, a test) the text representation is written to standard
// output instead, and with [SaveOutputsTo] the rich one to a file. All
// functions are safe to call from several goroutines.
//
// Constructors do not return errors: a Bundle built from invalid content
// (bytes that are not a PNG, an unmarshalable JSON value, a plot that fails
// to draw) carries its error, which [Show] and [Handle.Update] return and
// [Bundle.Err] reports; other libraries can do the same with [Failed], or
// by giving their Renderer an Err method.
package display
