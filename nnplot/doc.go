// Package nnplot draws pictures of nnlib models and their training with
// gonum/plot: training curves, comparisons of runs, network diagrams,
// activation functions, labelled points and decision boundaries, and a
// training curve that grows live in the notebook while Fit runs.
//
// Every picture is a [Figure]: the last expression of a cell shows it, and
// display.Show(f) shows it from anywhere. Its Panels are ordinary
// *plot.Plot values, to be adjusted with gonum/plot's API before showing.
//
//	hist, _ := model.Fit(x, y, nnlib.FitOptions{Epochs: 500})
//	nnplot.Curves(hist, nnplot.MarkPerfect())
//	nnplot.Diagram(model)
//
// nnplot depends on nnlib and display; nnlib itself knows nothing of
// plotting.
package nnplot
