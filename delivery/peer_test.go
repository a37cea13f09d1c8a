package delivery

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Helpers for the tests against real servers (smtp_peer_test.go,
// caldav_peer_test.go): a certificate authority made in the test (no
// openssl needed), free loopback ports, and server processes that are
// bounded in time and always stopped.

// peerStartTimeout bounds how long a server may take to start; Python
// imports on a busy CI machine take a second or two.
const peerStartTimeout = 20 * time.Second

// testCA is a throwaway certificate authority with one server
// certificate, valid for the names a test connects to.
type testCA struct {
	Pool              *x509.CertPool // trusts the CA: the client's RootCAs
	CertFile, KeyFile string         // the server's certificate chain and key, PEM
}

// newTestCA makes a CA and a server certificate for names (DNS names or
// IP addresses), valid from an hour ago (clock skew) for a day, and
// writes the server's files into a temporary folder.
func newTestCA(t testing.TB, names ...string) *testCA {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Overlegplanner test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: names[0]},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ca := &testCA{Pool: x509.NewCertPool(), CertFile: filepath.Join(dir, "server.pem"), KeyFile: filepath.Join(dir, "server.key")}
	ca.Pool.AddCert(caCert)
	chain := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})...)
	if err := os.WriteFile(ca.CertFile, chain, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ca.KeyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return ca
}

// clientTLS is the TLS configuration of a client that trusts the CA.
func (ca *testCA) clientTLS() *tls.Config {
	return &tls.Config{RootCAs: ca.Pool, MinVersion: tls.VersionTLS12}
}

// freePort returns a loopback port that was free a moment ago. The
// server binds it itself (aiosmtpd and radicale cannot report a port
// chosen by the system), so startPeer retries on the rare collision.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// peerProcess is a running server.
type peerProcess struct {
	cmd    *exec.Cmd
	port   int
	output *lockedBuffer // stdout and stderr, for the failure message
	done   chan struct{}
}

// lockedBuffer collects a process's output from two goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startPeer starts the server that args(port) describes and waits until
// ready(port, output) says it serves, within peerStartTimeout. It tries
// up to three ports. The process is stopped when the test ends: SIGTERM,
// then SIGKILL after five seconds.
func startPeer(t testing.TB, name string, args func(port int) []string, ready func(p *peerProcess) bool) *peerProcess {
	t.Helper()
	var last string
	for attempt := 0; attempt < 3; attempt++ {
		port := freePort(t)
		a := args(port)
		cmd := exec.Command(a[0], a[1:]...)
		cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1")
		out := &lockedBuffer{}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = out
		if err := cmd.Start(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := &peerProcess{cmd: cmd, port: port, output: out, done: make(chan struct{})}
		lines := make(chan string, 16)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				out.Write([]byte(sc.Text() + "\n"))
				select {
				case lines <- sc.Text():
				default:
				}
			}
			io.Copy(out, stdout)
			// Wait only after the last read: it closes the pipe.
			cmd.Wait()
			close(p.done)
		}()
		t.Cleanup(p.stop)
		deadline := time.After(peerStartTimeout)
		tick := time.NewTicker(50 * time.Millisecond)
	wait:
		for {
			select {
			case <-p.done:
				break wait // exited: most likely the port was taken
			case <-deadline:
				tick.Stop()
				p.stop()
				t.Fatalf("%s did not start within %s:\n%s", name, peerStartTimeout, out)
			case l := <-lines:
				if l == "ready" {
					tick.Stop()
					return p
				}
			case <-tick.C:
				if ready != nil && ready(p) {
					tick.Stop()
					return p
				}
			}
		}
		tick.Stop()
		last = out.String()
	}
	t.Fatalf("%s did not start:\n%s", name, last)
	return nil
}

// stop ends the process and waits for it, at most ten seconds.
func (p *peerProcess) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
	}
}

// listening reports whether something accepts connections on the port.
func listening(port int) bool {
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// testContext is a context that ends with the test or after limit,
// whichever comes first: no test against a server can hang.
func testContext(t testing.TB, limit time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	t.Cleanup(cancel)
	return ctx
}
