package widgets

import (
	"strings"
	"testing"
)

// Every API a cell calls reports bad input as an error, never a panic.
func TestBadInput(t *testing.T) {
	s := NewIntSlider("n", 5, 0, 10)
	errs := map[string]error{
		"unknown trait":   s.Set("colour", "red"),
		"wrong type":      s.Set("value", "five"),
		"fractional int":  s.Set("value", 2.5),
		"read-only":       s.Set("_model_name", "X"),
		"nil child":       NewVBox().SetChildren(nil),
		"bad titles":      NewTab().Set("titles", []int{1}),
		"range low>high":  NewIntRangeSlider("", 1, 2, 0, 5).SetValue(4, 3),
		"bad index":       mustDropdown(t).SetIndex(7),
		"Image.Show":      NewImage(nil, "png").Show(42),
		"Output.Display":  NewOutput().Display(nil),
		"JSLink trait":    second(JSLink(s, "value", NewCheckbox("", false), "nope")),
		"Interact no fn":  second(Interact(3)),
		"Interact count":  second(Interact(func(int, int) {}, 1)),
		"Interact kind":   second(Interact(func(int) {}, 2.5)),
		"Interact widget": second(Interact(func(int) {}, NewButton("x"))),
	}
	for what, err := range errs {
		if err == nil || !strings.HasPrefix(err.Error(), "widgets: ") {
			t.Errorf("%s: error %v", what, err)
		}
	}
	if s.Value() != 5 {
		t.Errorf("failed Sets changed the value to %d", s.Value())
	}
	if _, err := NewDropdown("", []string{"a"}, "b"); err == nil {
		t.Error("a dropdown value that is not an option: no error")
	}
}

func mustDropdown(t *testing.T) *Dropdown {
	d, err := NewDropdown("", []string{"a", "b"}, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func second[T any](_ T, err error) error { return err }

// LinkTraits keeps two traits equal both ways until unlinked; State
// reports binary traits as base64 buffers.
func TestLinkTraitsAndState(t *testing.T) {
	a, b := NewIntSlider("a", 1, 0, 10), NewIntSlider("b", 7, 0, 10)
	unlink, err := LinkTraits(a, "value", b, "value")
	if err != nil || b.Value() != 1 {
		t.Fatalf("link: %v, b = %d", err, b.Value())
	}
	a.SetValue(4)
	b.SetValue(6)
	if a.Value() != 6 || b.Value() != 6 {
		t.Errorf("linked values %d %d", a.Value(), b.Value())
	}
	unlink()
	a.SetValue(2)
	if b.Value() != 6 {
		t.Errorf("unlinked b followed a: %d", b.Value())
	}
	img := NewImage([]byte("abc"), "png")
	models := State()["state"].(map[string]any)
	entry := models[img.ModelID()].(map[string]any)
	if asJSON(entry["buffers"]) != `[{"data":"YWJj","encoding":"base64","path":["value"]}]` || entry["model_name"] != "ImageModel" {
		t.Errorf("image entry %v", entry)
	}
}
