// Package notebook reads, writes and executes Jupyter notebooks in the
// nbformat 4 JSON format.
//
// Read and Write convert between .ipynb files and the Notebook type. Write
// produces the same layout Jupyter does (keys sorted, one-space indent,
// multi-line strings split into lists of lines, images as single base64
// strings), so a notebook saved here and re-saved by Jupyter differs little.
//
// Execute runs every code cell of a notebook, in order, through a
// kernel.Interpreter — the same engine the Jupyter kernel uses — and stores
// what each cell produced as nbformat outputs: stream text, display_data
// (with update_display_data applied in place and clear_output honoured),
// execute_result and error. It is the machinery of `gokernel run`.
package notebook
