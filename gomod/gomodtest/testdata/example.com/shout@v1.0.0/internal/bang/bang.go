// Package bang adds emphasis.
package bang

// Bang appends an exclamation mark.
func Bang(s string) string { return s + "!" }
