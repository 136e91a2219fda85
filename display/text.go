package display

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
)

// Text returns a plain-text bundle.
func Text(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEText: s}}
}

// HTML returns a bundle that renders s as HTML; its text fallback is s
// without tags.
func HTML(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEHTML: s, MIMEText: stripTags(s)}}
}

// Markdown returns a bundle that renders s as Markdown; its text fallback is
// the Markdown source.
func Markdown(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEMarkdown: s, MIMEText: s}}
}

// LaTeX returns a bundle that renders the formula s. A formula that does not
// start with $ or \begin is wrapped in $$ … $$ (display math), the form
// Jupyter frontends typeset.
func LaTeX(s string) Bundle {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "$") && !strings.HasPrefix(t, `\begin`) {
		t = "$$" + t + "$$"
	}
	return Bundle{Data: map[string]any{MIMELaTeX: t, MIMEText: s}}
}

// JSON returns a bundle that renders v as a collapsible JSON tree; v is
// anything encoding/json can marshal. Its text fallback is indented JSON.
func JSON(v any) Bundle {
	raw, err := json.Marshal(v)
	if err != nil {
		return Failed(fmt.Errorf("display: JSON: %w", err))
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return Failed(fmt.Errorf("display: JSON: %w", err))
	}
	indented, err := json.MarshalIndent(tree, "", "  ")
	if err != nil {
		return Failed(fmt.Errorf("display: JSON: %w", err))
	}
	return Bundle{Data: map[string]any{MIMEJSON: tree, MIMEText: string(indented)}}
}

// SVG returns a bundle that renders the SVG document s. s must be
// well-formed XML whose root element is <svg>.
func SVG(s string) Bundle {
	if err := checkSVG(s); err != nil {
		return Failed(err)
	}
	return Bundle{Data: map[string]any{MIMESVG: s, MIMEText: "<SVG image>"}}
}

// checkSVG reports whether s is well-formed XML with an <svg> root.
func checkSVG(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("display: SVG: %w", err)
		}
		if start, ok := tok.(xml.StartElement); ok && root == "" {
			root = start.Name.Local
		}
	}
	if root != "svg" {
		if root == "" {
			return errors.New("display: SVG: no root element")
		}
		return fmt.Errorf("display: SVG: root element is <%s>, not <svg>", root)
	}
	return nil
}

// stripTags returns the text of an HTML fragment: tags removed, entities
// decoded, runs of blank space collapsed.
func stripTags(s string) string {
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
