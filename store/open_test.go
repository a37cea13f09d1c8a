package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/overlegplanner/overlegplanner/i18n"
	"github.com/overlegplanner/overlegplanner/internal/testpeer"
)

// TestOpenRefusesDamagedFiles extends TestOpenRefusesWhatIsNotOurs to
// files that look like a database but are not whole: each is refused with
// a Dutch message that names it, and left byte for byte as it was, with no
// -wal or -shm beside it.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "goed.db")
	s := storeAt(t, good)
	fillWithStukken(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(content) < 8*4096 {
		t.Fatalf("test database too small: %d bytes", len(content))
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	scrambled := func(from int) []byte {
		b := append([]byte(nil), content...)
		for i := from; i < len(b); i++ {
			b[i] = byte(i*131 + 17)
		}
		return b
	}
	tests := []struct {
		name string
		path string
		want error
		msg  string
	}{
		{"only the header", write("kop.db", content[:100]), ErrCorrupt, "beschadigd"},
		{"truncated to one page", write("een-pagina.db", content[:4096]), ErrCorrupt, "beschadigd"},
		{"truncated halfway", write("half.db", content[:len(content)/2]), ErrCorrupt, "beschadigd"},
		{"header fine, pages garbage", write("rommel.db", scrambled(4096)), ErrCorrupt, "beschadigd"},
		{"header fine, schema page garbage", write("schema.db", scrambled(100)), ErrCorrupt, "beschadigd"},
		{"sqlite magic, then nothing", write("magie.db", []byte("SQLite format 3\x00")), ErrCorrupt, "beschadigd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			for _, create := range []bool{false, true} {
				st, err := Open(ctx, tt.path, Options{Create: create})
				if err == nil {
					st.Close()
					t.Fatalf("create=%v: a damaged file was opened", create)
				}
				if !errors.Is(err, tt.want) {
					t.Errorf("create=%v: error %v, want %v", create, err, tt.want)
				}
				var ie *i18n.Error
				msg := i18n.UserMessage(err)
				if !errors.As(err, &ie) || !strings.Contains(msg, tt.msg) || !strings.Contains(msg, tt.path) {
					t.Errorf("create=%v: message %q should name the file and say %q", create, msg, tt.msg)
				}
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Error("the file changed")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(tt.path + suffix); err == nil {
					t.Errorf("%s left beside the file", suffix)
				}
			}
		})
	}
}

// TestOpenReadOnly: a database that can be read but not saved is refused
// at once, in Dutch, with nothing written beside it. Permissions do not
// bind root, so as root the test runs itself again as user nobody.
func TestOpenReadOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("read-only here is an ACL matter; covered on unix")
	}
	if os.Geteuid() == 0 {
		runAsNobody(t, "TestOpenReadOnly")
		return
	}
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "bron.db")
	s := storeAt(t, src)
	fillWithStukken(t, s)
	s.Close()
	content, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	older := filepath.Join(t.TempDir(), "oud.db")
	o := openAtVersion(t, older, 1)
	o.Close()
	oldContent, _ := os.ReadFile(older)

	// place puts content at dir/name with the given modes.
	place := func(content []byte, fileMode, dirMode os.FileMode) string {
		dir := t.TempDir()
		p := filepath.Join(dir, "overlegplanner.db")
		if content != nil {
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, fileMode); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(dir, dirMode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return p
	}
	tests := []struct {
		name   string
		path   string
		create bool
		msg    string
	}{
		{"read-only file", place(content, 0o444, 0o755), false, "is alleen-lezen"},
		{"read-only file, older version", place(oldContent, 0o444, 0o755), false, "is alleen-lezen"},
		{"file in a read-only folder", place(content, 0o644, 0o555), false, "mag Overlegplanner niet schrijven"},
		{"new database in a read-only folder", place(nil, 0, 0o555), true, "mag Overlegplanner niet schrijven"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := treeOf(t, filepath.Dir(tt.path))
			_, err := Open(ctx, tt.path, Options{Create: tt.create})
			if !errors.Is(err, ErrReadOnly) {
				t.Fatalf("error %v, want ErrReadOnly", err)
			}
			if msg := i18n.UserMessage(err); !strings.Contains(msg, tt.msg) || !strings.Contains(msg, tt.path) {
				t.Errorf("message %q should name the file and say %q", msg, tt.msg)
			}
			if after := treeOf(t, filepath.Dir(tt.path)); len(after) != len(before) || fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the folder changed: %v → %v", sortedKeys(before), sortedKeys(after))
			}
		})
	}
}

// runAsNobody runs the test named test again in a child process as user
// nobody (65534), for tests about permissions, which do not bind root.
func runAsNobody(t *testing.T, test string) {
	t.Helper()
	// Permissions do not bind root, so without setpriv (util-linux) the
	// test cannot run: a missing peer like any other.
	setpriv := testpeer.Command(t, "setpriv")
	// The child must be able to run the test binary: copy it somewhere
	// world-readable.
	dir, err := os.MkdirTemp("", "overlegplanner-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "store.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(tmp, 0o777); err != nil { // not masked by umask
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^"+test+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "HOME="+tmp, "GOCOVERDIR=")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("as nobody:\n%s", out)
	if err != nil {
		t.Fatalf("as nobody: %v", err)
	}
	if !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatal("the test did not pass as nobody")
	}
}
