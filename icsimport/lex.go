package icsimport

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// contentLine is one logical line of the file (RFC 5545 §3.1) after
// unfolding: NAME;PARAM=value:VALUE.
type contentLine struct {
	line   int    // the physical line it starts on, 1-based
	name   string // upper case
	params map[string][]string
	value  string
}

// param returns the first value of parameter name ("" when absent).
func (c *contentLine) param(name string) string {
	if v := c.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// component is a BEGIN…END block with its properties and children.
type component struct {
	name     string
	line     int // the line of BEGIN
	props    []*contentLine
	children []*component
}

// get returns the first property called name, or nil.
func (c *component) get(name string) *contentLine {
	for _, p := range c.props {
		if p.name == name {
			return p
		}
	}
	return nil
}

// all returns every property called name.
func (c *component) all(name string) []*contentLine {
	var out []*contentLine
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// unfold splits data into logical lines, each with the physical line it
// starts on. Lines end in CRLF or LF; a line that starts with a space or a
// tab continues the previous one (RFC 5545 §3.1). Empty lines are skipped:
// RFC 5545 allows none, but many programs end a file with one. The bytes
// of a logical line are joined before they are checked as UTF-8, because
// some programs fold in the middle of a multi-byte character.
func unfold(data []byte, c *collector) []numbered {
	var out []numbered
	no := 0
	for len(data) > 0 {
		no++
		var phys []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		phys = bytes.TrimSuffix(phys, []byte{'\r'})
		if len(phys) == 0 {
			continue
		}
		if phys[0] == ' ' || phys[0] == '\t' {
			if len(out) == 0 {
				c.add(no, "", "icsimport.lex.continuation")
				continue
			}
			out[len(out)-1].text = append(out[len(out)-1].text, phys[1:]...)
			continue
		}
		out = append(out, numbered{line: no, text: append([]byte(nil), phys...)})
	}
	return out
}

// numbered is a logical line before it is parsed.
type numbered struct {
	line int
	text []byte
}

// maxShown is how much of a broken line a message quotes.
const maxShown = 40

// shown returns the start of a line for a message.
func shown(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	r := []rune(s)
	return string(r[:maxShown]) + "…"
}

// parseLine reads one content line. On failure it reports the problem
// and returns nil.
func parseLine(n numbered, c *collector) *contentLine {
	if !utf8.Valid(n.text) {
		c.add(n.line, "", "icsimport.lex.utf8")
		return nil
	}
	s := string(n.text)
	if strings.ContainsRune(s, 0) {
		c.add(n.line, "", "icsimport.lex.control")
		return nil
	}
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 || i == len(s) || (s[i] != ';' && s[i] != ':') {
		// The usual cause is a long line that was cut without the
		// leading space that marks its continuation.
		c.add(n.line, "", "icsimport.lex.noline", shown(s))
		return nil
	}
	cl := &contentLine{line: n.line, name: strings.ToUpper(s[:i])}
	s = s[i:]
	for s[0] == ';' {
		s = s[1:]
		j := 0
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		if j == 0 || j == len(s) || s[j] != '=' {
			c.add(n.line, cl.name, "icsimport.lex.param", shown(s))
			return nil
		}
		pname := strings.ToUpper(s[:j])
		s = s[j+1:]
		for {
			var v string
			if len(s) > 0 && s[0] == '"' {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					c.add(n.line, cl.name, "icsimport.lex.quote", pname)
					return nil
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, "\";:,")
				if end < 0 {
					c.add(n.line, cl.name, "icsimport.lex.nocolon")
					return nil
				}
				if s[end] == '"' {
					c.add(n.line, cl.name, "icsimport.lex.quote", pname)
					return nil
				}
				v, s = s[:end], s[end:]
			}
			if cl.params == nil {
				cl.params = map[string][]string{}
			}
			cl.params[pname] = append(cl.params[pname], caretDecode(v))
			if len(s) == 0 {
				c.add(n.line, cl.name, "icsimport.lex.nocolon")
				return nil
			}
			if s[0] != ',' {
				break
			}
			s = s[1:]
		}
		if s[0] != ';' && s[0] != ':' {
			c.add(n.line, cl.name, "icsimport.lex.param", shown(s))
			return nil
		}
	}
	cl.value = s[1:]
	return cl
}

// isNameChar reports whether b may appear in a property or parameter
// name: letters, digits and "-" (iana-token and x-name of RFC 5545).
func isNameChar(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
}

// caretDecode undoes the parameter-value encoding of RFC 6868 (^n, ^^, ^').
func caretDecode(v string) string {
	if !strings.Contains(v, "^") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '^' && i+1 < len(v) {
			switch v[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case '^':
				b.WriteByte('^')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// buildTree groups content lines into components. Every BEGIN must be
// closed by an END with the same name; a property outside any component,
// an END that closes nothing, and a BEGIN left open are reported with
// their lines. After a mismatched END the tree is repaired as far as the
// names allow, so that later problems are still found.
func buildTree(lines []*contentLine, c *collector) []*component {
	var top []*component
	var stack []*component
	for _, l := range lines {
		switch l.name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(l.value))
			if name == "" || !validName(name) {
				c.add(l.line, "BEGIN", "icsimport.tree.badname", shown(l.value))
				name = "?"
			}
			comp := &component{name: name, line: l.line}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, comp)
			} else {
				top = append(top, comp)
			}
			stack = append(stack, comp)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(l.value))
			if len(stack) == 0 {
				c.add(l.line, "END:"+shown(name), "icsimport.tree.strayend")
				continue
			}
			open := stack[len(stack)-1]
			if open.name == name {
				stack = stack[:len(stack)-1]
				continue
			}
			// Find the component this END belongs to; everything
			// above it was left open.
			k := len(stack) - 1
			for k >= 0 && stack[k].name != name {
				k--
			}
			if k < 0 {
				c.add(l.line, "END:"+shown(name), "icsimport.tree.mismatch", open.name, open.line)
				continue
			}
			for j := len(stack) - 1; j > k; j-- {
				c.add(stack[j].line, "BEGIN:"+stack[j].name, "icsimport.tree.unclosedbefore", stack[j].name, name, l.line)
			}
			stack = stack[:k]
		default:
			if len(stack) == 0 {
				c.add(l.line, l.name, "icsimport.tree.outside")
				continue
			}
			open := stack[len(stack)-1]
			open.props = append(open.props, l)
		}
	}
	for j := len(stack) - 1; j >= 0; j-- {
		c.add(stack[j].line, "BEGIN:"+stack[j].name, "icsimport.tree.unclosed", stack[j].name)
	}
	return top
}

func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}
