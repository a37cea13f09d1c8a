package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBlobDir(t *testing.T) {
	if got := BlobDir("/a/b/overlegplanner.db"); got != "/a/b/overlegplanner-stukken" {
		t.Errorf("BlobDir = %s", got)
	}
}

func TestBlobsPutReadVerify(t *testing.T) {
	b := NewBlobs(filepath.Join(t.TempDir(), "stukken"))
	name, sum, size, err := b.Put(strings.NewReader("%PDF-1.7 voorstel"), "Voorstel.PDF")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".pdf") || len(sum) != 64 || size != 17 || name != sum+".pdf" {
		t.Fatalf("put: %s %s %d", name, sum, size)
	}
	// Same content again: same name, still one file.
	name2, _, _, err := b.Put(strings.NewReader("%PDF-1.7 voorstel"), "kopie.pdf")
	if err != nil || name2 != name {
		t.Fatalf("second put: %s %v", name2, err)
	}
	list, _ := b.List()
	if len(list) != 1 {
		t.Fatalf("files: %v", list)
	}
	data, err := b.Read(name, sum, "Voorstel")
	if err != nil || string(data) != "%PDF-1.7 voorstel" {
		t.Fatalf("read: %q %v", data, err)
	}
	// Tamper with the file: both Read and Verify report the mismatch.
	if err := os.WriteFile(b.Path(name), []byte("%PDF-1.7 gewijzigd"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Read(name, sum, "Voorstel"); !errors.Is(err, ErrHashMismatch) {
		t.Errorf("read after tamper: %v", err)
	}
	if err := b.Verify(name, sum, "Voorstel"); !errors.Is(err, ErrHashMismatch) {
		t.Errorf("verify after tamper: %v", err)
	}
	os.Remove(b.Path(name))
	if err := b.Verify(name, sum, "Voorstel"); err == nil || errors.Is(err, ErrHashMismatch) {
		t.Errorf("verify of a missing file: %v", err)
	}
}
