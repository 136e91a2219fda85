package rewrite

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// JSONUnexported gives every unexported, non-embedded field of the struct
// types under root the tag json:"-" (in place of a json key it may
// have), when Options.HideUnexported is set.
//
// Gap: yaegi v0.16.1 builds a cell's struct types with reflect.StructOf,
// which takes exported fields only, so it exports an unexported field
// under the name X+name: encoding/json, which skips unexported fields,
// printed yaegi's "Xinner":0. Embedded fields are left alone: json
// promotes the exported fields of an unexported embedded struct.
var JSONUnexported = Pass{Name: "json-unexported", Rewrite: func(root ast.Node, opts Options) {
	if !opts.HideUnexported {
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if st, ok := n.(*ast.StructType); ok {
			hideUnexportedFields(st)
		}
		return true
	})
}}

// hideUnexportedFields tags one struct type's fields (see JSONUnexported).
func hideUnexportedFields(st *ast.StructType) {
	if st.Fields == nil {
		return
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || !unexported(f.Names) {
			continue
		}
		tag := ""
		if f.Tag != nil {
			if s, err := strconv.Unquote(f.Tag.Value); err == nil {
				tag = s
			}
		}
		if reflect.StructTag(tag).Get("json") == "-" {
			continue
		}
		pos := f.Names[0].Pos()
		if f.Tag != nil {
			pos = f.Tag.Pos()
		}
		tag = withoutKey(tag, "json") + `json:"-"`
		lit := strconv.Quote(tag)
		if !strings.Contains(tag, "`") {
			lit = "`" + tag + "`"
		}
		f.Tag = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: lit}
	}
}

// unexported reports whether all names are unexported (a field list
// declares names of one visibility in practice; mixed ones are left
// alone).
func unexported(names []*ast.Ident) bool {
	for _, n := range names {
		r, _ := utf8.DecodeRuneInString(n.Name)
		if unicode.IsUpper(r) || n.Name == "_" {
			return false
		}
	}
	return true
}

// withoutKey returns the struct tag with key's entry removed, followed by
// a space when anything is left.
func withoutKey(tag, key string) string {
	var kept []string
	rest := tag
	for {
		rest = strings.TrimLeft(rest, " ")
		name, after, ok := strings.Cut(rest, `:"`)
		if !ok || name == "" || strings.ContainsAny(name, " \"") {
			break
		}
		end := closingQuote(after)
		if end < 0 {
			break
		}
		if name != key {
			kept = append(kept, name+`:"`+after[:end+1])
		}
		rest = after[end+1:]
	}
	if len(kept) == 0 {
		return ""
	}
	return strings.Join(kept, " ") + " "
}

// closingQuote returns the index in s of the quote that ends a tag
// value (backslash escapes skipped), or -1.
func closingQuote(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}
