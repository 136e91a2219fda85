package widgets

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// kind is the type of a trait: how a value set from Go or received from
// the frontend is checked and converted, and how it is sent.
type kind int

const (
	kAny        kind = iota // any JSON value
	kInt                    // int
	kFloat                  // float64
	kBool                   // bool
	kString                 // string
	kNullString             // nil or string
	kNullInt                // nil or int
	kNullBool               // nil or bool
	kNullFloat              // nil or float64
	kIntPair                // []int of length 2
	kFloatPair              // []float64 of length 2
	kStrings                // []string
	kWidget                 // Widget (sent as "IPY_MODEL_<id>")
	kWidgets                // []Widget
	kBytes                  // []byte (sent as a binary buffer)
)

// refPrefix starts the JSON form of a reference to a widget.
const refPrefix = "IPY_MODEL_"

// coerce checks v against k and converts it to the stored form. JSON
// numbers (float64) are accepted for integers when they are whole.
func coerce(k kind, v any) (any, error) {
	switch k {
	case kAny:
		return v, nil
	case kInt:
		return toInt(v)
	case kFloat:
		return toFloat(v)
	case kBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case kString:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case kNullString, kNullInt, kNullBool, kNullFloat:
		if v == nil {
			return nil, nil
		}
		return coerce(map[kind]kind{kNullString: kString, kNullInt: kInt, kNullBool: kBool, kNullFloat: kFloat}[k], v)
	case kIntPair, kFloatPair:
		rv := reflect.ValueOf(v)
		if v == nil || (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) || rv.Len() != 2 {
			break
		}
		if k == kIntPair {
			a, err1 := toInt(rv.Index(0).Interface())
			b, err2 := toInt(rv.Index(1).Interface())
			if err1 == nil && err2 == nil {
				return []int{a, b}, nil
			}
			break
		}
		a, err1 := toFloat(rv.Index(0).Interface())
		b, err2 := toFloat(rv.Index(1).Interface())
		if err1 == nil && err2 == nil {
			return []float64{a, b}, nil
		}
	case kStrings:
		switch s := v.(type) {
		case []string:
			return append([]string{}, s...), nil
		case []any:
			out := make([]string, len(s))
			for i, e := range s {
				str, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("want a list of strings, got %T in it", e)
				}
				out[i] = str
			}
			return out, nil
		}
	case kWidget:
		if v == nil {
			return nil, nil
		}
		return toWidget(v)
	case kWidgets:
		switch s := v.(type) {
		case []Widget:
			for _, w := range s {
				if isNilWidget(w) {
					return nil, fmt.Errorf("a nil widget in the list")
				}
			}
			return append([]Widget{}, s...), nil
		case []any:
			out := make([]Widget, len(s))
			for i, e := range s {
				w, err := toWidget(e)
				if err != nil {
					return nil, err
				}
				out[i] = w
			}
			return out, nil
		}
	case kBytes:
		switch b := v.(type) {
		case []byte:
			return append([]byte{}, b...), nil
		case nil:
			return []byte{}, nil
		}
	}
	return nil, fmt.Errorf("want %s, got %T", k, v)
}

func (k kind) String() string {
	return [...]string{"any value", "an int", "a float64", "a bool", "a string", "a string or nil",
		"an int or nil", "a bool or nil", "a float64 or nil", "two ints", "two float64s", "a []string",
		"a widget", "a []widgets.Widget", "a []byte"}[k]
}

func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return int(reflect.ValueOf(n).Convert(reflect.TypeOf(0)).Int()), nil
	case float64:
		if n == math.Trunc(n) && !math.IsInf(n, 0) {
			return int(n), nil
		}
		return 0, fmt.Errorf("want an int, got %v", n)
	case float32:
		return toInt(float64(n))
	}
	return 0, fmt.Errorf("want an int, got %T", v)
}

func toFloat(v any) (float64, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case float32:
		return float64(n), nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return reflect.ValueOf(n).Convert(reflect.TypeOf(0.0)).Float(), nil
	}
	return 0, fmt.Errorf("want a float64, got %T", v)
}

// toWidget resolves a widget or a reference "IPY_MODEL_<id>" to a live
// widget.
func toWidget(v any) (Widget, error) {
	switch w := v.(type) {
	case Widget:
		if isNilWidget(w) {
			return nil, fmt.Errorf("a nil widget")
		}
		return w, nil
	case string:
		id, ok := strings.CutPrefix(w, refPrefix)
		if !ok {
			return nil, fmt.Errorf("%q is not a widget reference", w)
		}
		if b := registry.get(id); b != nil {
			return b.self, nil
		}
		return nil, fmt.Errorf("no widget %s", id)
	}
	return nil, fmt.Errorf("want a widget, got %T", v)
}

func isNilWidget(w Widget) bool {
	if w == nil {
		return true
	}
	rv := reflect.ValueOf(w)
	return rv.Kind() == reflect.Pointer && rv.IsNil() || w.base() == nil
}

// toJSON is the form of a stored value in a message; bytes are left in
// place (see splitBuffers).
func toJSON(v any) any {
	switch x := v.(type) {
	case Widget:
		return refPrefix + x.ModelID()
	case []Widget:
		refs := make([]string, len(x))
		for i, w := range x {
			refs[i] = refPrefix + w.ModelID()
		}
		return refs
	}
	return v
}
