// Package shout greets loudly, through package greet.
package shout

import (
	"strings"

	"example.com/greet"
)

// Hello greets name in capitals.
func Hello(name string) string { return strings.ToUpper(greet.Hello(name)) }

// GreetVersion is the version of greet that shout was built with.
const GreetVersion = greet.Version
