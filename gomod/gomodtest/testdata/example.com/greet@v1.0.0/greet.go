// Package greet says hello (version 1.0.0).
package greet

// Version is the module version this package comes from.
const Version = "v1.0.0"

// Hello greets name.
func Hello(name string) string { return "hello, " + name }
