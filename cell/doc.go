// Package cell connects compiled libraries to the notebook cell that is
// running right now.
//
// Code that a notebook cell calls — nnlib's Fit printing epoch lines, the
// display package showing a picture — needs three things from the kernel:
// where to write text, where to send rich output, and a context that is
// cancelled when the user presses the interrupt button. The execution engine
// installs an [Env] for the duration of each cell with [Enter]; libraries read
// it with [Context], [Stdout], [Stderr] and [Current].
//
// Outside a kernel (a plain Go program, a test) nothing is installed and the
// accessors fall back to context.Background, os.Stdout, os.Stderr and a nil
// Displayer, so the same library code works everywhere.
package cell
