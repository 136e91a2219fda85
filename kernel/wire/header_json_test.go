package wire

import (
	"encoding/json"
	"testing"
)

// TestHeaderJSONAsEncodingJSON: the hand-written header encoder gives
// the bytes of json.Marshal, for plain and for awkward strings.
func TestHeaderJSONAsEncodingJSON(t *testing.T) {
	odd := []string{"", "plain", `quo"te`, `back\slash`, "tab\there", "<html>&amp;", "héllo", "\x00\x1f\x7f",
		"bad \xff utf-8", "line\u2028sep", "emoji 🎉"}
	for _, s := range odd {
		h := Header{MsgID: s, Session: "s-" + s, Username: s, Date: "2026-12-06T05:00:00.000000Z",
			MsgType: "execute_request", Version: s}
		want, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.appendJSON(nil); string(got) != string(want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}
