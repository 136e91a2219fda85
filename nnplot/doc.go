// Package nnplot draws pictures of nnlib models and their training with
// gonum/plot: training curves, comparisons of runs, network diagrams,
// activation functions, labelled points and decision boundaries, heat maps
// of grid-search results, and training curves that grow live in the
// notebook while Fit runs.
//
// Every picture is a [Figure], and each is one line in a cell; as the last
// line it shows itself, elsewhere display.Show(f) shows it:
//
//	hist, err := nnplot.FitLive(model, x, y, nnlib.FitOptions{Epochs: 500, BatchSize: 4})
//	nnplot.Curves(hist, nnplot.MarkPerfect())
//	nnplot.Compare("binary_accuracy", []nnplot.Run{{"16", h16}, {"16+16", h1616}, {"32", h32}})
//	nnplot.Diagram(model)
//	nnplot.Activations("sigmoid", "relu")
//	nnplot.Points(x, y, nnplot.Classes("false", "true"), nnplot.Annotate())
//	nnplot.Points(customers, buys, nnplot.Axes("age", "income"), nnplot.Quadrants(40, 50000))
//	nnplot.Boundary(model, x, y)
//	nnplot.HeatMap(layerNames, widthNames, medianEpochs, nnplot.Axes("neurons per layer", "hidden layers"))
//
// A Figure's Panels are ordinary *plot.Plot values, to be adjusted with
// gonum/plot's API before showing. A picture that cannot be drawn carries
// its error: [Figure.Err] reports it, display.Show returns it, and a cell
// that ends with it fails with a DisplayError.
//
// nnplot depends on nnlib and display; nnlib itself knows nothing of
// plotting.
package nnplot
