package display

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/cell"
)

var (
	filesMu  sync.Mutex
	filesDir string
	filesN   int
)

// SaveOutputsTo makes display, when no kernel is running (a plain Go
// program, a test), also write each shown value to a file in dir: its
// richest representation, named output-001.png, output-002.html, … or after
// the handle's id for [Handle] displays, so that updates overwrite one
// file. The directory is created when needed. An empty dir turns file
// output off (the default); the text representation always goes to
// standard output.
func SaveOutputsTo(dir string) {
	filesMu.Lock()
	defer filesMu.Unlock()
	filesDir, filesN = dir, 0
}

// fileExt is the file name extension of each MIME type display writes.
var fileExt = map[string]string{
	MIMEPNG: ".png", MIMEJPEG: ".jpg", MIMESVG: ".svg", MIMEHTML: ".html",
	MIMEMarkdown: ".md", MIMELaTeX: ".tex", MIMEJSON: ".json", MIMEText: ".txt",
}

// writeOutside shows a bundle without a kernel: its text on the cell's
// standard output, and its richest representation in a file when
// configured.
func writeOutside(data map[string]any, id string) error {
	text, _ := data[MIMEText].(string)
	path, err := saveFile(data, id)
	if err != nil {
		return err
	}
	if path != "" {
		text += " [" + path + "]"
	}
	_, err = fmt.Fprintln(cell.Stdout(), strings.TrimRight(text, "\n"))
	return err
}

// saveFile writes the richest representation of data to the configured
// directory and returns the file's path, or "" when file output is off.
func saveFile(data map[string]any, id string) (string, error) {
	filesMu.Lock()
	defer filesMu.Unlock()
	if filesDir == "" {
		return "", nil
	}
	for _, mime := range richness {
		v, ok := data[mime]
		if !ok {
			continue
		}
		content, err := fileContent(mime, v)
		if err != nil {
			return "", err
		}
		name := id
		if name == "" {
			filesN++
			name = fmt.Sprintf("output-%03d", filesN)
		}
		if err := os.MkdirAll(filesDir, 0o755); err != nil {
			return "", fmt.Errorf("display: %w", err)
		}
		path := filepath.Join(filesDir, name+fileExt[mime])
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return "", fmt.Errorf("display: %w", err)
		}
		return path, nil
	}
	return "", nil
}

// fileContent is the file form of one bundle entry.
func fileContent(mime string, v any) ([]byte, error) {
	switch mime {
	case MIMEPNG, MIMEJPEG:
		s, _ := v.(string)
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("display: %s content is not base64: %w", mime, err)
		}
		return b, nil
	case MIMEJSON:
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("display: %w", err)
		}
		return b, nil
	}
	if s, ok := v.(string); ok {
		return []byte(s), nil
	}
	return []byte(fmt.Sprint(v)), nil
}
