package symbols

// Doc is the documentation of one exported name of a preloaded package.
type Doc struct {
	// Decl is the declaration: a function's signature, a type's
	// definition, a constant or variable declaration.
	Decl string
	// Doc is the doc comment, as text.
	Doc string
}

// Docs maps "import/path.Name" (and "import/path.Type.Method" for
// methods, and "import/path" for a package) to its documentation. The
// generated file docs_gen.go fills it.
var Docs = map[string]Doc{}
