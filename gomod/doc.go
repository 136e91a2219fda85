// Package gomod fetches Go modules for the interpreter, without the go
// command: it speaks the module proxy protocol (GOPROXY: @v/list, .info,
// .mod, .zip over https, http or file URLs, paths case-encoded), selects
// versions by minimal version selection, checks every download against
// go.sum and the checksum database (GOSUMDB), and keeps modules in the
// module cache with the go command's layout (GOMODCACHE), so that a
// cache that `go mod download` filled serves it offline.
//
// A Resolver turns an import path into a package directory (Import): the
// module that provides it is the one of the build list, else the
// longest module path that has it, at the highest version in the module
// cache, else the proxy's latest release. The packages it imports are
// fetched too, and every package is read as the interpreter will read it
// (build tags of BuildTags, no cgo): a package that uses cgo, assembly or
// //go:linkname fails with a *CannotInterpretError that names the file.
// FS serves the packages to the interpreter under GoPath, filling gaps of
// yaegi v0.16.1: files in Go's initialisation order across files, a
// BuiltinsFile declaring min, max and clear where they are called, and
// Config.Rewrite applied to each file.
//
// Versions are pinned by the go.mod beside the notebook (Config.Dir; its
// go.sum pins hashes, its replace directives apply, and its own packages
// are importable) and by
// Require, as `go get module@version` does.
//
// The go command's variables are honoured: GOPROXY (a list; "off" stops
// lookups, "direct" is an error: there are no version control tools),
// GONOPROXY and GOPRIVATE (such modules must already be in the cache),
// GOSUMDB and GONOSUMDB, GOFLAGS' -mod=mod (the default), -mod=readonly
// (only modules that go.mod or Require name) and -mod=vendor (packages
// from the vendor directory beside go.mod, no network), GOMODCACHE and
// GOPATH. GOINSECURE concerns direct fetches only, which gokernel does
// not make (http:// proxies are allowed, as by the go command).
package gomod
