// Package greet says hello (version 1.1.0).
package greet

import "strings"

// Version is the module version this package comes from.
const Version = "v1.1.0"

// Hello greets name, politely.
func Hello(name string) string { return "Hello, " + strings.TrimSpace(name) + "!" }
