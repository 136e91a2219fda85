package rewrite_test

import (
	"testing"

	"github.com/gokernel/gokernel/engine/rewrite"
)

func TestHideUnexportedFields(t *testing.T) {
	opts := rewrite.Options{HideUnexported: true}
	for _, tt := range []struct{ in, want string }{
		{"type T struct { A int; b int }", "type T struct { A int; b int `json:\"-\"` }"},
		{"type T struct { a, b int `xml:\"a\"` }", "type T struct { a, b int `xml:\"a\" json:\"-\"` }"},
		{"type T struct { n int `json:\"n,omitempty\" db:\"n\"` }", "type T struct { n int `db:\"n\" json:\"-\"` }"},
		{"type T struct { n int `json:\"-\"` }", "type T struct { n int `json:\"-\"` }"},
		{"type T struct { base; Name string }", "type T struct { base; Name string }"},
		{"v := struct{ x int }{1}", "v := struct{ x int `json:\"-\"` }{1}"},
		{"type T struct { Ünï int; _ int }", "type T struct { Ünï int; _ int }"},
	} {
		if got, want := rewritten(t, tt.in, opts, rewrite.JSONUnexported), normalize(tt.want); got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, want)
		}
	}
	if got, want := rewritten(t, "type T struct { b int }", rewrite.Options{}, rewrite.JSONUnexported), normalize("type T struct { b int }"); got != want {
		t.Errorf("without HideUnexported: got %s", got)
	}
}
