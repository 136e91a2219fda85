package widgets

import "fmt"

// Link is a link between traits of two widgets kept in the browser
// (LinkModel): it works without the kernel, also in a saved notebook.
type Link struct{ *Base }

// JSLink links source's trait to target's in the browser, both ways:
// JSLink(play, "value", slider, "value") moves the slider as the play
// button counts. It fails when a widget lacks the trait.
func JSLink(source Widget, sourceTrait string, target Widget, targetTrait string) (*Link, error) {
	if err := checkTraits(source, sourceTrait, target, targetTrait); err != nil {
		return nil, err
	}
	w := &Link{}
	w.Base = newBase(w, spec{model: "LinkModel", module: controls, version: version2, traits: map[string]trait{
		"source": {kAny, nil},
		"target": {kAny, nil},
	}}, map[string]any{
		"source": []any{refPrefix + source.ModelID(), sourceTrait},
		"target": []any{refPrefix + target.ModelID(), targetTrait},
	})
	return w, nil
}

// LinkTraits links source's trait to target's in the kernel, both ways:
// a change of either sets the other. target takes source's value at once.
// The returned function undoes the link.
func LinkTraits(source Widget, sourceTrait string, target Widget, targetTrait string) (unlink func(), err error) {
	if err := checkTraits(source, sourceTrait, target, targetTrait); err != nil {
		return nil, err
	}
	if err := target.base().Set(targetTrait, source.base().Get(sourceTrait)); err != nil {
		return nil, err
	}
	active := true
	source.base().Observe(sourceTrait, func(c Change) {
		if active {
			_ = target.base().Set(targetTrait, c.New)
		}
	})
	target.base().Observe(targetTrait, func(c Change) {
		if active {
			_ = source.base().Set(sourceTrait, c.New)
		}
	})
	return func() { active = false }, nil
}

func checkTraits(source Widget, sourceTrait string, target Widget, targetTrait string) error {
	if isNilWidget(source) || isNilWidget(target) {
		return fmt.Errorf("widgets: link of a nil widget")
	}
	for _, x := range []struct {
		w    Widget
		name string
	}{{source, sourceTrait}, {target, targetTrait}} {
		if _, ok := x.w.base().kinds[x.name]; !ok {
			return fmt.Errorf("widgets: %s has no trait %q", x.w.base().modelName(), x.name)
		}
	}
	return nil
}
