// Package convert turns office documents (.docx, .odt, .xlsx, ...) into PDF
// with LibreOffice, when it is installed, so that such stukken can go into
// a vergaderbundel. It is optional by design: Find reports whether
// LibreOffice is there, and without it a bundle lists such stukken instead
// of including them. Nothing is downloaded or required.
//
// Each conversion runs `soffice --headless --convert-to pdf` in a
// temporary folder with a profile of its own, so that it neither disturbs
// nor waits for a LibreOffice the user has open, and is stopped when its
// context ends or after Timeout.
package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/overlegplanner/overlegplanner/documents"
)

// A LibreOffice is what documents.Bundle takes as its Converter.
var _ documents.Converter = (*LibreOffice)(nil)

// LibreOffice converts with the soffice program at Path.
type LibreOffice struct {
	Path string
	// Timeout bounds one conversion; 0 means DefaultTimeout. The first
	// conversion with a fresh profile takes a few seconds.
	Timeout time.Duration
}

// DefaultTimeout is long enough for a large document on a slow laptop and
// short enough that a hanging LibreOffice does not hang the bundle.
const DefaultTimeout = 2 * time.Minute

// Find looks for LibreOffice: soffice or libreoffice on the PATH, then the
// usual installation folders of Windows and macOS.
func Find() (*LibreOffice, bool) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return &LibreOffice{Path: p}, true
		}
	}
	var candidates []string
	switch runtime.GOOS {
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)"} {
			if dir := os.Getenv(env); dir != "" {
				candidates = append(candidates, filepath.Join(dir, "LibreOffice", "program", "soffice.exe"))
			}
		}
	case "darwin":
		candidates = append(candidates, "/Applications/LibreOffice.app/Contents/MacOS/soffice")
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && !fi.IsDir() {
			return &LibreOffice{Path: c}, true
		}
	}
	return nil, false
}

// formats are the extensions LibreOffice reads well enough for a bundle:
// word processing, spreadsheets, presentations, in the Microsoft and
// OpenDocument formats, and RTF.
var formats = map[string]bool{
	".doc": true, ".docx": true, ".odt": true, ".rtf": true,
	".xls": true, ".xlsx": true, ".ods": true,
	".ppt": true, ".pptx": true, ".odp": true,
}

// Converts reports whether files with extension ext can be converted.
func (l *LibreOffice) Converts(ext string) bool { return l != nil && formats[strings.ToLower(ext)] }

// ErrConvert is the cause of every failed conversion.
var ErrConvert = errors.New("convert: omzetten naar PDF mislukt")

// ToPDF converts data, a file originally named name, to PDF.
func (l *LibreOffice) ToPDF(ctx context.Context, name string, data []byte) ([]byte, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if !l.Converts(ext) {
		return nil, fmt.Errorf("%w: formaat %q", ErrConvert, ext)
	}
	dir, err := os.MkdirTemp("", "overlegplanner-convert-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "stuk"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	timeout := l.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, l.Path, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
		"-env:UserInstallation="+fileURL(filepath.Join(dir, "profile")),
		"--convert-to", "pdf", "--outdir", out, in)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	// LibreOffice reads HOME for fonts and settings; a private one keeps
	// it from touching the user's.
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %v", ErrConvert, ctx.Err())
		}
		return nil, fmt.Errorf("%w: %v: %s", ErrConvert, err, strings.TrimSpace(stderr.String()))
	}
	pdf, err := os.ReadFile(filepath.Join(out, "stuk.pdf"))
	if err != nil {
		// soffice exits 0 when it cannot read the file, and writes nothing.
		return nil, fmt.Errorf("%w: geen uitvoer: %s", ErrConvert, strings.TrimSpace(stderr.String()))
	}
	return pdf, nil
}

// fileURL returns path as a file: URL, as LibreOffice wants its profile
// folder ("file:///C:/..." on Windows).
func fileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
