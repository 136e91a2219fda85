package gomod

import (
	"context"
	"fmt"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// buildList selects a version of every module the roots need, by minimal
// version selection: the highest version any visited go.mod requires. As
// with the go command's graph pruning, the requirements of a module whose
// go.mod says go 1.17 or later are taken but not followed further (its
// go.mod lists all it needs); those of older modules are followed.
func (r *Resolver) buildList(ctx context.Context, roots map[string]string) (map[string]string, error) {
	sel := map[string]string{}
	expanded := map[module.Version]bool{}
	var visit func(m module.Version, expand bool) error
	visit = func(m module.Version, expand bool) error {
		if cur, ok := sel[m.Path]; !ok || semver.Compare(m.Version, cur) > 0 {
			sel[m.Path] = m.Version
		}
		if !expand || expanded[m] {
			return nil
		}
		expanded[m] = true
		if _, ok := r.replaceDirs[m.Path]; ok {
			return nil // a directory: its requirements are not followed
		}
		data, err := r.goMod(ctx, r.replacement(m))
		if err != nil {
			return err
		}
		f, err := modfile.ParseLax("go.mod", data, nil)
		if err != nil {
			return fmt.Errorf("%s@%s: go.mod: %w", m.Path, m.Version, err)
		}
		pruned := f.Go != nil && semver.Compare("v"+f.Go.Version, "v1.17") >= 0
		for _, req := range f.Require {
			if err := visit(req.Mod, !pruned); err != nil {
				return err
			}
		}
		return nil
	}
	for path, v := range roots {
		if err := visit(module.Version{Path: path, Version: v}, true); err != nil {
			return nil, err
		}
	}
	return sel, nil
}
